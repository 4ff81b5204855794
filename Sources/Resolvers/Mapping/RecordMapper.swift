public import JSON

/// Turns ServiceNow's raw answers into the schema's typed values: `display_value=all` records into tickets,
/// users and groups; Knowledge API hits into articles; Service Catalog items into catalog items with their
/// variables.
///
/// The output objects are keyed by GraphQL field name and carry `__typename`, so the executor's default resolver
/// reads them and abstract types (`Node`, `Ticket`) resolve. A field ServiceNow did not send (not projected) is
/// left out; an empty value (`""`) is null. Labels always come from ServiceNow's display values.
public struct RecordMapper: Sendable {
    /// The instance, for record URLs.
    public let instanceURL: String

    /// A mapper for records of `instanceURL`.
    public init(instanceURL: String) {
        self.instanceURL = instanceURL
    }

    // MARK: Tickets

    /// A ticket of `kind` from a Table API record.
    public func ticket(_ record: JSONObject, kind: TicketKind) -> JSONObject {
        var object = JSONObject(minimumCapacity: 24)
        let sysID = Self.faces(record["sys_id"])?.value ?? ""
        object["__typename"] = .string(kind.typeName)
        object["id"] = .string(GlobalID(table: kind.table, sysID: sysID).description)
        object["sysId"] = .string(sysID)
        object["url"] = .string(recordURL(table: kind.table, sysID: sysID))
        for (name, source) in TicketFields.fields(of: kind) {
            if let value = value(of: source, in: record, kind: kind) { object[name] = value }
        }
        return object
    }

    private func value(of source: TicketFields.Source, in record: JSONObject, kind: TicketKind) -> JSONValue? {
        switch source {
        case .text(let field):
            guard let faces = Self.faces(record[field]) else { return nil }
            return faces.value.isEmpty ? .null : .string(faces.value)
        case .choice(let field):
            guard let faces = Self.faces(record[field]) else { return nil }
            return Self.choice(faces)
        case .state:
            guard let faces = Self.faces(record["state"]) else { return nil }
            let active = Self.faces(record["active"]).flatMap { Self.boolean($0.value) }
            return [
                "value": .string(faces.value),
                "label": .string(faces.display.isEmpty ? faces.value : faces.display),
                "category": .string(kind.category(ofState: faces.value, active: active).rawValue),
            ]
        case .boolean(let field):
            guard let faces = Self.faces(record[field]) else { return nil }
            return Self.boolean(faces.value).map(JSONValue.bool) ?? .null
        case .dateTime(let field):
            guard let faces = Self.faces(record[field]) else { return nil }
            return ServiceNowDateTime.isoString(fromStored: faces.value).map(JSONValue.string) ?? .null
        case .integer(let field):
            guard let faces = Self.faces(record[field]) else { return nil }
            return Int(faces.value.trimmingSpaces()).map(JSONValue.int) ?? .null
        case .reference(let field, let reference):
            guard let faces = Self.faces(record[field]) else { return nil }
            guard ServiceNowAPI.isSysID(faces.value) else { return .null }
            return .object(self.reference(reference, field: field, faces: faces, in: record))
        }
    }

    /// The object a reference field becomes, from its faces and the dot-walked fields next to it.
    private func reference(
        _ reference: TicketFields.Reference,
        field: String,
        faces: (value: String, display: String),
        in record: JSONObject
    ) -> JSONObject {
        var object: JSONObject = [
            "__typename": .string(reference.typeName),
            "id": .string(GlobalID(table: reference.table, sysID: faces.value).description),
            "sysId": .string(faces.value),
            "name": .string(faces.display),
        ]
        for (name, key) in TicketFields.dotWalkKeys(field: field, reference: reference) {
            guard let walked = Self.faces(record[key]) else { continue }
            switch (reference, name) {
            case (.user, "department"), (.catalogItem, "category"):
                // References themselves: their name is the display value.
                object[name] = walked.display.isEmpty ? .null : .string(walked.display)
            case (.catalogItem, "price"):
                object[name] = Self.price(value: walked.value, display: walked.display)
            default:
                object[name] = walked.value.isEmpty ? .null : .string(walked.value)
            }
        }
        if reference == .catalogItem {
            object["url"] = .string(catalogItemURL(sysID: faces.value))
        }
        return object
    }

    // MARK: Users and groups

    /// A user from a `sys_user` record.
    public func user(_ record: JSONObject) -> JSONObject {
        let sysID = Self.faces(record["sys_id"])?.value ?? ""
        var object: JSONObject = [
            "__typename": "User",
            "id": .string(GlobalID(table: "sys_user", sysID: sysID).description),
            "sysId": .string(sysID),
        ]
        if let name = Self.faces(record["name"]) { object["name"] = .string(name.value) }
        for (graphQL, field) in [("userName", "user_name"), ("email", "email"), ("title", "title")] {
            if let faces = Self.faces(record[field]) {
                object[graphQL] = faces.value.isEmpty ? .null : .string(faces.value)
            }
        }
        if let department = Self.faces(record["department"]) {
            object["department"] = department.display.isEmpty ? .null : .string(department.display)
        }
        return object
    }

    /// A group from a `sys_user_group` record.
    public func group(_ record: JSONObject) -> JSONObject {
        let sysID = Self.faces(record["sys_id"])?.value ?? ""
        var object: JSONObject = [
            "__typename": "Group",
            "id": .string(GlobalID(table: "sys_user_group", sysID: sysID).description),
            "sysId": .string(sysID),
        ]
        if let name = Self.faces(record["name"]) { object["name"] = .string(name.value) }
        if let email = Self.faces(record["email"]) {
            object["email"] = email.value.isEmpty ? .null : .string(email.value)
        }
        return object
    }

    // MARK: Knowledge

    /// An article from a Knowledge API search hit; nil when the hit has no usable id.
    ///
    /// The API documents `id` as the sys_id, but every release's examples show `kb_knowledge:<sys_id>` (§7.1): the
    /// prefix is stripped when present.
    public func knowledgeArticle(fromSearch hit: JSONObject) -> JSONObject? {
        guard var sysID = hit["id"]?.stringValue ?? hit["sys_id"]?.stringValue else { return nil }
        if sysID.hasPrefix("kb_knowledge:") { sysID = String(sysID.dropFirst("kb_knowledge:".count)) }
        guard ServiceNowAPI.isSysID(sysID) else { return nil }
        var object = knowledgeBase(sysID: sysID)
        object["number"] = .string(hit["number"]?.stringValue ?? "")
        object["title"] = .string(hit["title"]?.stringValue ?? "")
        if let snippet = hit["snippet"]?.stringValue {
            let plain = PlainText.fromHTML(snippet)
            object["snippet"] = plain.isEmpty ? .null : .string(plain)
        } else {
            object["snippet"] = .null
        }
        object["score"] = hit["score"]?.doubleValue.map(JSONValue.double) ?? .null
        let fields = hit["fields"]?.objectValue ?? JSONObject()
        if let text = fields["text"]?["value"]?.stringValue { object["body"] = .string(text) }
        if let updated = fields["sys_updated_on"]?["value"]?.stringValue {
            object["updatedAt"] = ServiceNowDateTime.isoString(fromStored: updated).map(JSONValue.string) ?? .null
        }
        return object
    }

    /// An article from a `kb_knowledge` Table API record (for `node(id:)`): no snippet or score outside a search.
    public func knowledgeArticle(fromRecord record: JSONObject) -> JSONObject {
        let sysID = Self.faces(record["sys_id"])?.value ?? ""
        var object = knowledgeBase(sysID: sysID)
        if let number = Self.faces(record["number"]) { object["number"] = .string(number.value) }
        if let title = Self.faces(record["short_description"]) { object["title"] = .string(title.value) }
        if let text = Self.faces(record["text"]) { object["body"] = text.value.isEmpty ? .null : .string(text.value) }
        if let updated = Self.faces(record["sys_updated_on"]) {
            object["updatedAt"] = ServiceNowDateTime.isoString(fromStored: updated.value).map(JSONValue.string) ?? .null
        }
        object["snippet"] = .null
        object["score"] = .null
        return object
    }

    private func knowledgeBase(sysID: String) -> JSONObject {
        [
            "__typename": "KnowledgeArticle",
            "id": .string(GlobalID(table: "kb_knowledge", sysID: sysID).description),
            "sysId": .string(sysID),
            "url": .string(instanceURL + "/kb_view.do?sys_kb_id=" + sysID),
        ]
    }

    // MARK: Catalog

    /// A catalog item from the Service Catalog API (list or detail); with the detail's variables when present.
    public func catalogItem(fromCatalog item: JSONObject) -> JSONObject? {
        guard let sysID = item["sys_id"]?.stringValue, ServiceNowAPI.isSysID(sysID) else { return nil }
        var object: JSONObject = [
            "__typename": "CatalogItem",
            "id": .string(GlobalID(table: "sc_cat_item", sysID: sysID).description),
            "sysId": .string(sysID),
            "name": .string(item["name"]?.stringValue ?? ""),
            "shortDescription": Self.nonEmpty(item["short_description"]?.stringValue),
            "description": Self.nonEmpty(item["description"]?.stringValue),
        ]
        object["category"] = Self.nonEmpty(item["category"]?["title"]?.stringValue)
        // The instance says whether the item shows a price; without that flag, an empty or zero price shows none.
        let price = item["price"]?.stringValue ?? ""
        if let show = item["show_price"]?.boolValue {
            object["price"] = show && !price.isEmpty ? .string(price) : .null
        } else {
            object["price"] = Self.price(value: price, display: price)
        }
        object["url"] = .string(catalogItemURL(sysID: sysID))
        if let variables = item["variables"]?.arrayValue {
            object["variables"] = .array(catalogVariables(variables))
        }
        return object
    }

    /// The variables of a catalog item detail as `CatalogVariable`s, containers flattened (their children are
    /// listed in place) and layout-only entries without a name left out.
    public func catalogVariables(_ variables: [JSONValue]) -> [JSONValue] {
        var output: [JSONValue] = []
        for variable in variables {
            guard let object = variable.objectValue else { continue }
            let friendly = object["friendly_type"]?.stringValue ?? ""
            if let children = object["children"]?.arrayValue, !children.isEmpty {
                output.append(contentsOf: catalogVariables(children))
            }
            guard let name = object["name"]?.stringValue, !name.isEmpty,
                !friendly.hasPrefix("container"), friendly != "label", friendly != "break"
            else { continue }
            var choices: [JSONValue] = []
            for choice in object["choices"]?.arrayValue ?? [] {
                guard let value = choice["value"].map(Self.text) else { continue }
                let label = choice["label"].map(Self.text) ?? value
                choices.append(["value": .string(value), "label": .string(label.isEmpty ? value : label)])
            }
            let label = object["label"]?.stringValue ?? ""
            output.append([
                "name": .string(name),
                "label": .string(label.isEmpty ? name : label),
                "type": .string(friendly.isEmpty ? (object["type"].map(Self.text) ?? "") : friendly),
                "mandatory": .bool(object["mandatory"]?.boolValue ?? (object["mandatory"]?.stringValue == "true")),
                "defaultValue": Self.nonEmpty(object["value"].map(Self.text)),
                "helpText": Self.nonEmpty(object["help_text"]?.stringValue),
                "choices": .array(choices),
            ])
        }
        return output
    }

    // MARK: Helpers

    /// The record's page on the instance.
    public func recordURL(table: String, sysID: String) -> String {
        instanceURL + "/" + table + ".do?sys_id=" + sysID
    }

    /// A catalog item's order page on the instance.
    public func catalogItemURL(sysID: String) -> String {
        instanceURL + "/com.glideapp.servicecatalog_cat_item_view.do?v=1&sysparm_id=" + sysID
    }

    /// Both faces of a field: `{value, display_value}` with `display_value=all`, or a plain string (both faces
    /// the same) from APIs that send one; nil when the field is absent or of another shape.
    static func faces(_ raw: JSONValue?) -> (value: String, display: String)? {
        switch raw {
        case .object(let object)?:
            let value = object["value"].map(text) ?? ""
            let display = object["display_value"].map(text) ?? value
            return (value, display)
        case .string(let text)?:
            return (text, text)
        case .int, .double, .bool:
            let value = raw.map(text) ?? ""
            return (value, value)
        default:
            return nil
        }
    }

    /// A JSON scalar as ServiceNow would write it in a string.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return ""
        }
    }

    static func choice(_ faces: (value: String, display: String)) -> JSONValue {
        guard !faces.value.isEmpty else { return .null }
        return ["value": .string(faces.value), "label": .string(faces.display.isEmpty ? faces.value : faces.display)]
    }

    static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }

    static func nonEmpty(_ text: String?) -> JSONValue {
        guard let text, !text.isEmpty else { return .null }
        return .string(text)
    }

    /// A price as shown, or null for none (empty or zero).
    static func price(value: String, display: String) -> JSONValue {
        let digits = value.filter { $0.isNumber && $0 != "0" }
        guard !value.isEmpty, !digits.isEmpty else { return .null }
        return .string(display.isEmpty ? value : display)
    }
}
