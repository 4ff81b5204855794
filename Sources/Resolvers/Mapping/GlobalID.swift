/// The schema's global `id`: base64url (no padding) of `<table>:<sys_id>`, opaque to clients and decodable by
/// `Query.node(id:)` to the one table it names.
public struct GlobalID: Sendable, Hashable, CustomStringConvertible {
    /// The tables a global ID may name, with their GraphQL types.
    static let typesByTable: [String: String] = [
        "incident": "Incident", "sc_request": "Request", "sc_req_item": "RequestItem",
        "change_request": "ChangeRequest", "problem": "Problem", "sys_user": "User", "sys_user_group": "Group",
        "kb_knowledge": "KnowledgeArticle", "sc_cat_item": "CatalogItem",
    ]

    /// The record's table.
    public let table: String
    /// The record's sys_id.
    public let sysID: String

    /// The ID of `sysID` in `table`.
    public init(table: String, sysID: String) {
        self.table = table
        self.sysID = sysID
    }

    /// Decodes an ID; nil unless it names a known table and a well-formed sys_id.
    public init?(_ encoded: String) {
        guard encoded.utf8.count <= 96, let bytes = Base64.decodeURL(encoded) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let table = String(text[..<colon])
        let sysID = String(text[text.index(after: colon)...])
        guard Self.typesByTable[table] != nil, ServiceNowAPI.isSysID(sysID) else { return nil }
        self.init(table: table, sysID: sysID)
    }

    /// The GraphQL type of the record.
    public var typeName: String? { Self.typesByTable[table] }

    /// The opaque text.
    public var description: String { Base64.encodeURL(Array("\(table):\(sysID)".utf8)) }
}
