import JSON
import Synchronization

/// The Service Catalog API under `/api/sn_sc/servicecatalog/` (§6): catalogs, categories, items with their
/// variables, and `order_now`, which creates the request (REQ), its requested item (RITM) and a catalog task
/// (SCTASK). The cart, wish list and record producers are not implemented and answer as unknown resources.
struct CatalogAPI: Sendable {
    let instance: Instance

    func handle(_ request: APIRequest, caller: Caller, path: [String], baseURL: String) -> APIResponse {
        switch (request.method, path.count, path.first) {
        case ("GET", 1, "catalogs"): return catalogs(request)
        case ("GET", 2, "catalogs"): return catalog(path[1])
        case ("GET", 3, "catalogs") where path[2] == "categories": return categories(request, catalog: path[1])
        case ("GET", 2, "categories"): return category(path[1])
        case ("GET", 1, "items"): return items(request, caller: caller)
        case ("GET", 2, "items"): return item(path[1], caller: caller)
        case ("POST", 3, "items") where path[2] == "order_now": return orderNow(request, item: path[1], caller: caller)
        default: return .unknownResource
        }
    }

    // MARK: Browsing

    private func catalogs(_ request: APIRequest) -> APIResponse {
        let text = request.parameter("sysparm_text")?.lowercased() ?? ""
        let limit = request.parameter("sysparm_limit").flatMap(Int.init) ?? 10_000
        return instance.database.withLock { database in
            let rows = database.records(in: "sc_catalog").filter {
                $0["active"] == "true" && (text.isEmpty || $0["title"].lowercased().contains(text))
            }
            return .result(.array(rows.prefix(max(0, limit)).map { catalogJSON($0, database: database) }))
        }
    }

    private func catalog(_ id: String) -> APIResponse {
        instance.database.withLock { database in
            guard let row = database.record(in: "sc_catalog", sysID: id)?.record, row["active"] == "true" else {
                return .noRecord
            }
            return .result(catalogJSON(row, database: database))
        }
    }

    private func catalogJSON(_ row: Record, database: Database) -> JSONValue {
        let id = row.sysID
        let hasCategories = database.records(in: "sc_category").contains { $0["sc_catalog"] == id }
        let hasItems = database.records(in: "sc_cat_item").contains {
            $0["sc_catalogs"].contains(id) && $0["active"] == "true"
        }
        return [
            "sys_id": .string(id), "title": .string(row["title"]), "description": .string(row["description"]),
            "has_categories": .bool(hasCategories), "has_items": .bool(hasItems),
        ]
    }

    private func categories(_ request: APIRequest, catalog: String) -> APIResponse {
        let limit = request.parameter("sysparm_limit").flatMap(Int.init) ?? 10_000
        let offset = request.parameter("sysparm_offset").flatMap(Int.init) ?? 0
        return instance.database.withLock { database in
            guard database.record(in: "sc_catalog", sysID: catalog) != nil else { return .noRecord }
            let rows = database.records(in: "sc_category").filter {
                $0["sc_catalog"] == catalog && $0["active"] == "true" && $0["parent"].isEmpty
            }.sorted { (Int($0["order"]) ?? 0) < (Int($1["order"]) ?? 0) }
            let page = rows.dropFirst(max(0, offset)).prefix(max(0, limit))
            return .result(.array(page.map { categoryJSON($0, database: database) }))
        }
    }

    private func category(_ id: String) -> APIResponse {
        instance.database.withLock { database in
            guard let row = database.record(in: "sc_category", sysID: id)?.record, row["active"] == "true" else {
                return .noRecord
            }
            return .result(categoryJSON(row, database: database))
        }
    }

    private func categoryJSON(_ row: Record, database: Database) -> JSONValue {
        let id = row.sysID
        let count = database.records(in: "sc_cat_item").filter { $0["category"] == id && $0["active"] == "true" }.count
        let children = database.records(in: "sc_category").filter { $0["parent"] == id && $0["active"] == "true" }
        return [
            "sys_id": .string(id), "title": .string(row["title"]), "description": .string(row["description"]),
            "full_description": .string(row["description"]), "icon": "", "header_icon": "", "homepage_image": "",
            "count": .int(count),
            "subcategories": .array(children.map { ["sys_id": .string($0.sysID), "title": .string($0["title"])] }),
        ]
    }

    private func items(_ request: APIRequest, caller: Caller) -> APIResponse {
        let words = (request.parameter("sysparm_text") ?? "").lowercased().split(separator: " ").map(String.init)
        let category = request.parameter("sysparm_category") ?? ""
        let catalog = request.parameter("sysparm_catalog") ?? ""
        let type = request.parameter("sysparm_type") ?? ""
        let limit = request.parameter("sysparm_limit").flatMap(Int.init) ?? 10_000
        let offset = request.parameter("sysparm_offset").flatMap(Int.init) ?? 0
        return instance.database.withLock { database in
            let rows = database.records(in: "sc_cat_item").filter { row in
                guard AccessPolicy.canRead(row, in: "sc_cat_item", caller: caller, database: database),
                    row["active"] == "true"
                else { return false }
                if !category.isEmpty, row["category"] != category { return false }
                if !catalog.isEmpty, !row["sc_catalogs"].split(separator: ",").contains(Substring(catalog)) {
                    return false
                }
                // Only plain catalog items are seeded; asking for record producers or order guides finds none.
                if !type.isEmpty { return false }
                let text = (row["name"] + " " + row["short_description"] + " " + HTMLText.plain(row["description"]))
                    .lowercased()
                return words.allSatisfy { text.contains($0) }
            }.sorted { (Int($0["order"]) ?? 0, $0["name"]) < (Int($1["order"]) ?? 0, $1["name"]) }
            let page = rows.dropFirst(max(0, offset)).prefix(max(0, limit))
            return .result(.array(page.map { .object(itemJSON($0, database: database)) }))
        }
    }

    private func item(_ id: String, caller: Caller) -> APIResponse {
        instance.database.withLock { database in
            guard let row = database.record(in: "sc_cat_item", sysID: id)?.record,
                AccessPolicy.canRead(row, in: "sc_cat_item", caller: caller, database: database),
                row["active"] == "true"
            else {
                // 400, not 404, for an invalid sys_id or an item the user may not see (§6.1); [INF] the text.
                return .error(
                    400,
                    "Invalid catalog item",
                    detail: "Catalog item \(id) does not exist or is not available"
                )
            }
            var object = itemJSON(row, database: database)
            if let category = database.record(in: "sc_category", sysID: row["category"])?.record {
                object["categories"] = [["sys_id": .string(category.sysID), "title": .string(category["title"])]]
            } else {
                object["categories"] = []
            }
            object["variables"] = .array(
                variables(of: id, database: database).map { variableJSON($0, database: database) }
            )
            object["ui_policy"] = []
            object["client_script"] = ["onChange": [], "onLoad": [], "onSubmit": []]
            object["data_lookup"] = []
            return .result(.object(object))
        }
    }

    private func itemJSON(_ row: Record, database: Database) -> JSONObject {
        let renderer = RecordRenderer.plain
        let price = renderer.displayValue(
            row["price"].isEmpty ? "0" : row["price"],
            definition: FieldDefinition("price", .decimal),
            database: database
        )
        let recurring =
            row["recurring_price"].isEmpty
            ? ""
            : renderer.displayValue(
                row["recurring_price"],
                definition: FieldDefinition("recurring_price", .decimal),
                database: database
            )
        let category = database.record(in: "sc_category", sysID: row["category"])?.record
        let catalogs: [JSONValue] = row["sc_catalogs"].split(separator: ",").compactMap { id in
            database.record(in: "sc_catalog", sysID: String(id)).map {
                ["sys_id": .string($0.record.sysID), "title": .string($0.record["title"])]
            }
        }
        return [
            "sys_id": .string(row.sysID),
            "name": .string(row["name"]),
            "short_description": .string(row["short_description"]),
            "description": .string(row["description"]),
            "type": "catalog_item",
            "sys_class_name": .string(row["sys_class_name"].isEmpty ? "sc_cat_item" : row["sys_class_name"]),
            "category": category.map { ["sys_id": .string($0.sysID), "title": .string($0["title"])] } ?? "",
            "catalogs": .array(catalogs),
            "price": .string(price),
            "localized_price": .string(price),
            "price_currency": "USD",
            "recurring_price": .string(recurring),
            "recurring_frequency": .string(row["recurring_frequency"]),
            "show_price": .bool(row["price"] != "" && row["price"] != "0"),
            "show_quantity": true,
            "icon": "",
            "picture": .string(row["picture"]),
            "kb_article": "",
            "content_type": "",
            "url": "",
            "order": .int(Int(row["order"]) ?? 0),
        ]
    }

    private func variables(of item: String, database: Database) -> [Record] {
        database.records(in: "item_option_new").filter { $0["cat_item"] == item && $0["active"] == "true" }
            .sorted { (Int($0["order"]) ?? 0) < (Int($1["order"]) ?? 0) }
    }

    private func variableJSON(_ row: Record, database: Database) -> JSONValue {
        let kind = VariableKind(rawValue: Int(row["type"]) ?? 6) ?? .singleLineText
        var object: JSONObject = [
            "name": .string(row["name"]),
            "label": .string(row["question_text"]),
            "type": .int(kind.rawValue),
            "friendly_type": .string(kind.friendlyType),
            "display_type": .string(kind.label),
            "mandatory": .bool(row["mandatory"] == "true"),
            "read_only": false,
            "value": .string(row["default_value"]),
            "displayvalue": .string(row["default_value"]),
            "help_text": .string(row["help_text"]),
            "max_length": .int(kind == .singleLineText ? 100 : 0),
            "render_label": true,
            "attributes": "",
            "id": .string(row.sysID),
            "children": [],
        ]
        if kind == .selectBox || kind == .multipleChoice {
            let choices = database.records(in: "question_choice").filter { $0["question"] == row.sysID }
                .sorted { (Int($0["order"]) ?? 0) < (Int($1["order"]) ?? 0) }
            object["choices"] = .array(
                choices.enumerated().map { index, choice in
                    ["label": .string(choice["text"]), "value": .string(choice["value"]), "index": .int(index)]
                }
            )
        }
        return .object(object)
    }

    // MARK: Ordering

    private func orderNow(_ request: APIRequest, item id: String, caller: Caller) -> APIResponse {
        guard request.contentType == "application/json" else {
            return .error(415, "Unsupported Media Type", detail: "Content-Type must be application/json")
        }
        guard let body = (try? JSONValue.parse(request.body))?.objectValue else { return .invalidJSON }
        guard let quantityValue = body["sysparm_quantity"], let quantity = Int(TableAPI.string(from: quantityValue)),
            quantity >= 1
        else { return .error(400, "Invalid Quantity value", detail: nil) }
        var answers: [String: String] = [:]
        for (name, value) in body["variables"]?.objectValue ?? JSONObject() {
            answers[name] = TableAPI.string(from: value)
        }
        let requestedForParameter = body["sysparm_requested_for"].map(TableAPI.string(from:)) ?? ""
        let now = instance.clock.now
        return instance.database.withLock { database -> APIResponse in
            guard let item = database.record(in: "sc_cat_item", sysID: id)?.record, item["active"] == "true",
                AccessPolicy.canRead(item, in: "sc_cat_item", caller: caller, database: database)
            else { return .error(400, "Security constraints prevent ordering of Item", detail: nil) }
            let questions = variables(of: id, database: database)
            for question in questions where question["mandatory"] == "true" {
                if (answers[question["name"]] ?? "").isEmpty {
                    return .error(400, "Mandatory Variables are required", detail: nil)
                }
            }
            // Ordering for someone else needs a role (glide.sc.req_for.roles); [INF] others order for themselves.
            var requestedFor = caller.userID
            if !requestedForParameter.isEmpty, requestedForParameter != caller.userID, caller.isAgent,
                database.record(in: "sys_user", sysID: requestedForParameter) != nil
            {
                requestedFor = requestedForParameter
            }
            let unitPrice = Double(item["price"]) ?? 0
            let total = AggregateAPI.fixed(unitPrice * Double(quantity), 2)
            let group = SeedBuilder.fulfilmentGroup(forCategory: item["category"], database: database)
            let requestRecord = BusinessRules.insert(
                [
                    "requested_for": requestedFor, "request_state": "in_process", "stage": "fulfillment",
                    "approval": "approved", "price": total, "short_description": item["name"],
                    "contact_type": "self-service",
                ],
                into: "sc_request",
                caller: caller,
                now: now,
                database: &database
            )
            let itemRecord = BusinessRules.insert(
                [
                    "request": requestRecord.sysID, "cat_item": id, "quantity": String(quantity),
                    "requested_for": requestedFor,
                    "stage": "fulfillment", "approval": "approved", "price": AggregateAPI.fixed(unitPrice, 2),
                    "short_description": item["name"], "description": item["short_description"],
                    "assignment_group": group, "contact_type": "self-service",
                ],
                into: "sc_req_item",
                caller: caller,
                now: now,
                database: &database
            )
            _ = BusinessRules.insert(
                [
                    "request_item": itemRecord.sysID, "request": requestRecord.sysID,
                    "short_description":
                        "Fulfil \(item["name"]) for \(database.displayValue(table: "sys_user", sysID: requestedFor))",
                    "assignment_group": group,
                ],
                into: "sc_task",
                caller: caller,
                now: now,
                database: &database
            )
            for question in questions {
                guard let answer = answers[question["name"]] else { continue }
                let option = BusinessRules.insert(
                    ["item_option_new": question.sysID, "value": answer],
                    into: "sc_item_option",
                    caller: caller,
                    now: now,
                    database: &database
                )
                _ = BusinessRules.insert(
                    ["request_item": itemRecord.sysID, "sc_item_option": option.sysID],
                    into: "sc_item_option_mtom",
                    caller: caller,
                    now: now,
                    database: &database
                )
            }
            return .result([
                "sys_id": .string(requestRecord.sysID),
                "number": .string(requestRecord["number"]),
                "request_number": .string(requestRecord["number"]),
                "request_id": .string(requestRecord.sysID),
                "table": "sc_request",
            ])
        }
    }
}
