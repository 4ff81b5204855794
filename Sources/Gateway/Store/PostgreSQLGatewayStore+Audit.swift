public import JSON
import PostgreSQL

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension PostgreSQLGatewayStore {
    public func recordAudit(actor: String, action: String, details: JSONValue) async throws {
        try Self.requireNonEmpty(actor, "actor")
        try Self.requireNonEmpty(action, "action")
        guard details.objectValue != nil else {
            throw StoreError(code: .invalidArgument, message: "Audit details must be a JSON object")
        }
        let now = clock.now().millisecondsSince1970
        try await write("recording an audit entry") { connection in
            try Self.insertAudit(at: now, actor: actor, action: action, details: details, in: connection)
        }
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        guard limit >= 0 else {
            throw StoreError(code: .invalidArgument, message: "The limit must not be negative")
        }
        let rows = try await read("reading the audit log") { connection in
            try connection.query(
                "SELECT id, at, actor, action, details FROM audit_log ORDER BY id DESC LIMIT $1",
                [.int(limit)]
            )
        }
        do {
            return try rows.map { row in
                AuditEntry(
                    id: try row.integer("id"),
                    at: Date(millisecondsSince1970: try row.integer("at")),
                    actor: try row.text("actor"),
                    action: try row.text("action"),
                    details: try JSONValue.parse(try row.text("details"))
                )
            }
        } catch {
            throw Self.storeError(error, during: "reading the audit log")
        }
    }

    /// Appends an entry inside the caller's transaction, so an audited change and its entry commit together.
    static func insertAudit(
        at now: Int64,
        actor: String,
        action: String,
        details: JSONValue,
        in connection: Connection
    ) throws {
        try connection.execute(
            "INSERT INTO audit_log (at, actor, action, details) VALUES ($1, $2, $3, $4)",
            [.integer(now), .text(actor), .text(action), .text(details.serializedString())]
        )
    }
}
