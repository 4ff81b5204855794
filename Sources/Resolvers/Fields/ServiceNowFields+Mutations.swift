public import JSON
public import Schema

extension ServiceNowFields {
    /// The longest short description the base `task` table stores.
    static let maxShortDescriptionLength = 160

    /// `Mutation.createIncident(input:)`: raises an incident with the viewer as its caller and returns it as
    /// created (`{ incident }`).
    ///
    /// The instance does not fill `caller_id` on insert (§2.6), so the gateway sends the viewer's sys_id, read
    /// first with `sys_id=javascript:gs.getUserID()`. Urgency and impact are sent only when given, so the instance's
    /// defaults apply otherwise. Reads the request made before are forgotten afterwards.
    public static func createIncident(
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        arguments: JSONObject,
        selection: SelectionTree
    ) async throws(ServiceNowError) -> JSONValue {
        let session = try context.session()
        let loaders = session.loaders(on: scheduler)
        guard let input = arguments["input"]?.objectValue else {
            throw ServiceNowError(.badUserInput, "input is required")
        }
        guard let rawSummary = input["shortDescription"]?.stringValue else {
            throw ServiceNowError(.badUserInput, "shortDescription is required")
        }
        let summary = singleLine(rawSummary)
        guard !summary.isEmpty else { throw ServiceNowError(.badUserInput, "shortDescription must not be empty") }
        guard summary.count <= maxShortDescriptionLength else {
            throw ServiceNowError(
                .badUserInput,
                "shortDescription is longer than \(maxShortDescriptionLength) characters"
            )
        }
        var values: JSONObject = ["short_description": .string(summary)]
        if let description = input["description"]?.stringValue, !description.isEmpty {
            values["description"] = .string(description)
        }
        for (argument, field) in [("urgency", "urgency"), ("impact", "impact")] {
            guard let level = input[argument], !level.isNull else { continue }
            guard let name = level.stringValue, let stored = levelValue(name) else {
                throw ServiceNowError(.badUserInput, "\(argument) must be HIGH, MEDIUM or LOW")
            }
            values[field] = .string(stored)
        }
        if let category = input["category"]?.stringValue, !category.isEmpty {
            values["category"] = .string(singleLine(category))
        }
        values["caller_id"] = .string(try await viewerSysID(loaders))
        values["contact_type"] = "self-service"

        let incidentSelection = selection.field("incident", on: "CreateIncidentPayload") ?? SelectionTree()
        let record = try await session.client.create(
            table: "incident",
            values: values,
            fields: TicketFields.projection(.incident, selection: incidentSelection)
        )
        loaders.invalidate()
        return ["incident": .object(session.mapper.ticket(record, kind: .incident))]
    }

    /// `Mutation.createRequest(input:)`: orders a catalog item for the viewer (`order_now`), creating a request and
    /// its requested item. A missing mandatory variable (or any order the instance refuses) is `BAD_USER_INPUT` with
    /// ServiceNow's message, and nothing is created.
    ///
    /// The payload carries the new request's sys_id; `CreateRequestPayload.request` (``createdRequest(_:source:selection:)``)
    /// reads it, so that a failure to read it back is an error on that field and not on the order.
    public static func createRequest(
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        arguments: JSONObject
    )
        async throws(ServiceNowError) -> JSONValue
    {
        let session = try context.session()
        let loaders = session.loaders(on: scheduler)
        guard let input = arguments["input"]?.objectValue else {
            throw ServiceNowError(.badUserInput, "input is required")
        }
        guard let itemID = input["catalogItemId"]?.stringValue, let sysID = catalogItemSysID(itemID) else {
            throw ServiceNowError(.badUserInput, "catalogItemId is not a catalog item's id or sys_id")
        }
        var quantity = 1
        if let value = input["quantity"], !value.isNull {
            guard let number = value.intValue, (1...999).contains(number) else {
                throw ServiceNowError(.badUserInput, "quantity must be between 1 and 999")
            }
            quantity = number
        }
        var variables = JSONObject()
        for entry in input["variables"]?.arrayValue ?? [] {
            guard let name = entry["name"]?.stringValue, !name.isEmpty, let value = entry["value"]?.stringValue else {
                throw ServiceNowError(.badUserInput, "every variable needs a name and a value")
            }
            guard variables[name] == nil else {
                throw ServiceNowError(.badUserInput, "variable \(name) is answered twice")
            }
            variables[name] = .string(value)
        }
        let confirmation = try await session.client.orderNow(
            itemSysID: sysID,
            quantity: quantity,
            variables: variables
        )
        loaders.invalidate()
        return [
            "requestSysId": .string(confirmation.requestSysID), "requestNumber": .string(confirmation.requestNumber),
        ]
    }

    /// `CreateRequestPayload.request`: the request `createRequest` created, read back with the fields selected.
    public static func createdRequest(
        _ context: ServiceNowContext,
        scheduler: BatchScheduler,
        source: JSONObject,
        selection: SelectionTree
    )
        async throws(ServiceNowError) -> JSONValue
    {
        let session = try context.session()
        let loaders = session.loaders(on: scheduler)
        guard let sysID = source["requestSysId"]?.stringValue, ServiceNowAPI.isSysID(sysID) else { return .null }
        let group = RecordLookup.Group(
            table: "sc_request",
            field: "sys_id",
            fields: TicketFields.projection(.request, selection: selection)
        )
        let records = try await loaders.records(group, value: sysID)
        return records.first.map { .object(session.mapper.ticket($0, kind: .request)) } ?? .null
    }

    /// The viewer's own sys_id, read through the loaders (once per request, or taken from the user's cache).
    static func viewerSysID(_ loaders: ServiceNowLoaders) async throws(ServiceNowError) -> String {
        let request = ServiceNowAPI.list(
            TableQuery(
                table: "sys_user",
                query: "sys_id=javascript:gs.getUserID()",
                fields: ["sys_id"],
                limit: 1,
                count: false
            )
        )
        // A mutation runs alone: the executor dispatches this read as soon as the mutation waits for it (unless the
        // request's memory or the user's cache has it).
        let response = try await loaders.read(request)
        guard let record = try ServiceNowAPI.tablePage(response).records.first,
            let sysID = RecordMapper.faces(record["sys_id"])?.value, ServiceNowAPI.isSysID(sysID)
        else {
            throw ServiceNowError(.unavailable, "ServiceNow did not say who you are.")
        }
        return sysID
    }

    /// The sys_id of a catalog item given as a global ID or as a sys_id.
    static func catalogItemSysID(_ text: String) -> String? {
        if let id = GlobalID(text) { return id.table == "sc_cat_item" ? id.sysID : nil }
        let lowered = text.lowercased()
        return ServiceNowAPI.isSysID(lowered) ? lowered : nil
    }

    /// The stored value of a `Level`.
    static func levelValue(_ name: String) -> String? {
        switch name {
        case "HIGH": "1"
        case "MEDIUM": "2"
        case "LOW": "3"
        default: nil
        }
    }

    /// `text` on one line: control characters and line breaks become spaces, the ends trimmed.
    static func singleLine(_ text: String) -> String {
        var output = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar.properties.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.unicodeScalars.append(scalar)
        }
        return output
    }
}
