import JSON
import Synchronization

/// The Table API (`/api/now/[v1/|v2/]table/{table}[/{sys_id}]`, §2): list, read, create, update, delete with
/// the documented statuses, headers and shapes, under the access rules.
struct TableAPI: Sendable {
    let instance: Instance

    /// Which API version the path named: v1 answers 404 for an empty list, later versions 200 with `[]`.
    enum Version: Sendable {
        case v1, latest
    }

    func handle(
        _ request: APIRequest,
        caller: Caller,
        version: Version,
        table: String,
        sysID: String?,
        baseURL: String
    )
        -> APIResponse
    {
        guard instance.database.withLock({ $0.schema(table) != nil }) else {
            return .error(400, "Invalid table \(table)", detail: nil)
        }
        switch (request.method, sysID) {
        case ("GET", nil): return list(request, caller: caller, version: version, table: table, baseURL: baseURL)
        case ("GET", let id?): return read(request, caller: caller, table: table, sysID: id, baseURL: baseURL)
        case ("POST", nil): return create(request, caller: caller, table: table, baseURL: baseURL)
        case ("PUT", let id?), ("PATCH", let id?):
            return update(request, caller: caller, table: table, sysID: id, baseURL: baseURL)
        case ("DELETE", let id?): return delete(caller: caller, table: table, sysID: id)
        default:
            // [INF] The resource exists but not with this method.
            return .error(
                405,
                "Method not Supported",
                detail: "Requested method \(request.method) is not supported for this resource"
            )
        }
    }

    // MARK: Reading

    private func list(
        _ request: APIRequest,
        caller: Caller,
        version: Version,
        table: String,
        baseURL: String
    )
        -> APIResponse
    {
        var limit = 10_000
        if let text = request.parameter("sysparm_limit") {
            guard let value = Int(text), value > 0 else {
                return .error(
                    400,
                    "Invalid value given for sysparm_limit",
                    detail: "sysparm_limit value must be a positive integer"
                )
            }
            limit = value
        }
        var offset = 0
        if let text = request.parameter("sysparm_offset"), !text.isEmpty {
            // [INF] The docs only say the offset must not be negative; the message mirrors sysparm_limit's.
            guard let value = Int(text), value >= 0 else {
                return .error(
                    400,
                    "Invalid value given for sysparm_offset",
                    detail: "sysparm_offset value must be a non-negative integer"
                )
            }
            offset = value
        }
        let renderer = RecordRenderer(request: request, baseURL: baseURL, caller: caller)
        let context = QueryContext(userID: caller.userID, userName: caller.userName, now: instance.clock.now)
        let rowSecurity = instance.configuration.rowSecurity
        let (total, rows) = instance.database.withLock { database -> (Int, [JSONValue]) in
            let query = encodedQuery(for: request, table: table, database: database)
            let bound = BoundQuery(query, table: table, database: database, context: context)
            var matched = database.records(in: table).filter { bound.matches($0, database: database) }
            if rowSecurity == .queryLevel {
                matched = matched.filter { readable($0, table: table, caller: caller, database: database) }
            }
            matched = bound.sorted(matched, database: database)
            let total = matched.count
            var page = offset < matched.count ? Array(matched[offset..<min(matched.count, offset + limit)]) : []
            if rowSecurity == .afterLimit {
                // Row ACLs run after the limit, so the page can be short while the count includes hidden rows.
                page = page.filter { readable($0, table: table, caller: caller, database: database) }
            }
            return (total, page.map { .object(renderer.render($0, table: table, database: database)) })
        }
        if version == .v1, rows.isEmpty {
            return .noRecord
        }
        var headers: [(name: String, value: String)] = []
        if !request.flag("sysparm_suppress_pagination_header"),
            let link = linkHeader(
                request,
                baseURL: baseURL,
                total: total,
                limit: limit,
                offset: offset,
                counted: !request.flag("sysparm_no_count"),
                pageSize: rows.count
            )
        {
            headers.append(("Link", link))
        }
        if !request.flag("sysparm_no_count") { headers.append(("X-Total-Count", String(total))) }
        return .result(.array(rows), headers: headers)
    }

    private func read(
        _ request: APIRequest,
        caller: Caller,
        table: String,
        sysID: String,
        baseURL: String
    ) -> APIResponse {
        let renderer = RecordRenderer(request: request, baseURL: baseURL, caller: caller)
        let rendered = instance.database.withLock { database -> JSONObject? in
            guard let found = database.record(in: table, sysID: sysID),
                AccessPolicy.canRead(found.record, in: found.table, caller: caller, database: database)
            else { return nil }
            return renderer.render(found.record, table: table, database: database)
        }
        guard let rendered else { return .noRecord }
        return .result(.object(rendered))
    }

    // MARK: Writing

    private func create(_ request: APIRequest, caller: Caller, table: String, baseURL: String) -> APIResponse {
        if let problem = checkBodyHeaders(request) { return problem }
        guard let input = inputValues(request, table: table) else { return .invalidJSON }
        let renderer = RecordRenderer(request: request, baseURL: baseURL, caller: caller)
        let now = instance.clock.now
        let outcome = instance.database.withLock { database -> Result<(String, JSONObject), APIResponse> in
            // Records are created in the named table; inserting into `task` itself is not something we model.
            guard AccessPolicy.canCreate(in: table, caller: caller), table != "task" else {
                return .failure(.aclDenied("Insert"))
            }
            let values = resolveInput(
                input,
                table: table,
                displayValues: request.flag("sysparm_input_display_value"),
                database: database
            )
            let record = BusinessRules.insert(values, into: table, caller: caller, now: now, database: &database)
            return .success((record.sysID, renderer.render(record, table: table, database: database)))
        }
        switch outcome {
        case .failure(let response): return response
        case .success(let (sysID, rendered)):
            return .result(
                .object(rendered),
                status: 201,
                headers: [("Location", "\(baseURL)/api/now/table/\(table)/\(sysID)")]
            )
        }
    }

    private func update(
        _ request: APIRequest,
        caller: Caller,
        table: String,
        sysID: String,
        baseURL: String
    ) -> APIResponse {
        if let problem = checkBodyHeaders(request) { return problem }
        guard let input = inputValues(request, table: table) else { return .invalidJSON }
        let renderer = RecordRenderer(request: request, baseURL: baseURL, caller: caller)
        let now = instance.clock.now
        let outcome = instance.database.withLock { database -> Result<JSONObject, APIResponse> in
            guard let found = database.record(in: table, sysID: sysID),
                AccessPolicy.canRead(found.record, in: found.table, caller: caller, database: database)
            else { return .failure(.noRecord) }
            guard AccessPolicy.canUpdate(found.record, in: found.table, caller: caller, database: database) else {
                return .failure(.aclDenied("Update"))
            }
            let values = resolveInput(
                input,
                table: found.table,
                displayValues: request.flag("sysparm_input_display_value"),
                database: database
            )
            let updated = BusinessRules.update(
                found.record,
                with: values,
                in: found.table,
                caller: caller,
                now: now,
                database: &database
            )
            return .success(renderer.render(updated, table: table, database: database))
        }
        switch outcome {
        case .failure(let response): return response
        case .success(let rendered): return .result(.object(rendered))
        }
    }

    private func delete(caller: Caller, table: String, sysID: String) -> APIResponse {
        instance.database.withLock { database -> APIResponse in
            guard let found = database.record(in: table, sysID: sysID),
                AccessPolicy.canRead(found.record, in: found.table, caller: caller, database: database)
            else { return .noRecord }
            guard AccessPolicy.canDelete(found.record, in: found.table, caller: caller) else {
                return .aclDenied("Delete")
            }
            database.delete(sysID: sysID, from: found.table)
            return APIResponse(status: 204)
        }
    }

    // MARK: Helpers

    /// The query: `sysparm_query`, or else the `<field>=<value>` shortcut parameters (which accept display values
    /// for choice and reference fields).
    private func encodedQuery(for request: APIRequest, table: String, database: Database) -> EncodedQuery {
        if let text = request.parameter("sysparm_query") { return QueryParser.parse(text) }
        var term: [[QueryCondition]] = []
        for (name, value) in request.query where !name.hasPrefix("sysparm_") && name != "access_token" {
            guard let path = FieldPath(name, from: table, in: database) else { continue }
            var alternatives = [QueryCondition(field: name, op: .equals, value: value)]
            if let choice = path.definition.choices.first(where: { $0.label == value }) {
                alternatives.append(QueryCondition(field: name, op: .equals, value: choice.value))
            }
            if let target = path.definition.type.referencedTable, !BusinessRules.isSysID(value),
                let schema = database.schema(target)
            {
                let ids = database.records(in: target).filter { $0[schema.displayField] == value }.map(\.sysID)
                if !ids.isEmpty {
                    alternatives.append(QueryCondition(field: name, op: .in, value: ids.joined(separator: ",")))
                }
            }
            term.append(alternatives)
        }
        return EncodedQuery(groups: term.isEmpty ? [] : [term], ordering: [])
    }

    private func readable(_ record: Record, table: String, caller: Caller, database: Database) -> Bool {
        let concrete =
            AccessPolicy.taskTables.contains(table) && !record["sys_class_name"].isEmpty
            ? record["sys_class_name"] : table
        return AccessPolicy.canRead(record, in: concrete, caller: caller, database: database)
    }

    private func linkHeader(
        _ request: APIRequest,
        baseURL: String,
        total: Int,
        limit: Int,
        offset: Int,
        counted: Bool,
        pageSize: Int
    ) -> String? {
        // One observer reports no Link at all when everything fits in one page.
        if offset == 0, total <= limit { return nil }
        func url(offset: Int) -> String {
            var pairs = request.query.filter { $0.name != "sysparm_limit" && $0.name != "sysparm_offset" }
                .map { ($0.name, $0.value) }
            pairs.append(("sysparm_limit", String(limit)))
            pairs.append(("sysparm_offset", String(offset)))
            return "<\(baseURL)\(request.path)?\(URLEncoding.formatForm(pairs))>"
        }
        var links = [url(offset: 0) + ";rel=\"first\""]
        if offset > 0 { links.append(url(offset: max(0, offset - limit)) + ";rel=\"prev\"") }
        if offset + limit < total { links.append(url(offset: offset + limit) + ";rel=\"next\"") }
        if counted {
            let last = total == 0 ? 0 : (total - 1) / limit * limit
            links.append(url(offset: last) + ";rel=\"last\"")
        }
        return links.joined(separator: ",")
    }

    /// 400 without a Content-Type, 415 for anything but JSON (§1; the messages are [INF]).
    private func checkBodyHeaders(_ request: APIRequest) -> APIResponse? {
        guard let type = request.contentType else {
            return .error(
                400,
                "Content-Type header is missing",
                detail: "Requests with a body need Content-Type: application/json"
            )
        }
        guard type == "application/json" else {
            return .error(
                415,
                "Unsupported Media Type",
                detail: "Content-Type \(type) is not supported; use application/json"
            )
        }
        return nil
    }

    /// The body's members as strings; an array body uses its first record, as the instance does. Nil when the
    /// body is not a JSON object.
    private func inputValues(_ request: APIRequest, table: String) -> [String: String]? {
        guard let parsed = try? JSONValue.parse(request.body) else { return nil }
        let object: JSONObject
        switch parsed {
        case .object(let value): object = value
        case .array(let values):
            guard let first = values.first?.objectValue else { return nil }
            object = first
        default: return nil
        }
        var values: [String: String] = [:]
        for (key, value) in object {
            values[key] = Self.string(from: value)
        }
        return values
    }

    static func string(from value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text): return text
        case .array(let items): return items.map(string(from:)).joined(separator: ",")
        case .object(let object):
            // Clients sometimes echo the `{value, display_value}` objects they read.
            return object["value"].map(string(from:)) ?? ""
        }
    }

    /// With `sysparm_input_display_value=true`, references and choices given by display value are turned into
    /// stored values.
    private func resolveInput(
        _ input: [String: String],
        table: String,
        displayValues: Bool,
        database: Database
    ) -> [String: String] {
        guard displayValues, let schema = database.schema(table) else { return input }
        var resolved = input
        for (name, value) in input {
            guard let definition = schema.field(name), !value.isEmpty else { continue }
            if let choice = definition.choices.first(where: { $0.label == value }) {
                resolved[name] = choice.value
            } else if let target = definition.type.referencedTable, !BusinessRules.isSysID(value),
                let targetSchema = database.schema(target),
                let match = database.records(in: target).first(where: { $0[targetSchema.displayField] == value })
            {
                resolved[name] = match.sysID
            }
        }
        return resolved
    }
}
