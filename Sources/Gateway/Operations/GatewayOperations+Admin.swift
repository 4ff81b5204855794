import JSON
import Logging
import Resolvers

/// The administrators' tools: the audit log, the connected users, and disconnecting one user. Each refuses
/// non-admins with `FORBIDDEN`; what changes something is recorded in the audit log by the store, in the same
/// transaction as the change.
extension GatewayOperations {
    /// The most entries or users one call returns.
    public static let maximumAdminPage = 100

    /// The newest `first` audit entries (1…100), newest first.
    public func auditLog(_ caller: Identity, first: Int) async throws(GatewayError) -> [AuditEntry] {
        guard caller.isAdmin else { throw .forbidden("read the audit log") }
        guard (1...Self.maximumAdminPage).contains(first) else {
            throw GatewayError(
                .badUserInput,
                "first must be between 1 and \(Self.maximumAdminPage)",
                extensions: ["field": "first"]
            )
        }
        return try await storeCall("reading the audit log") { try await store.auditLog(limit: first) }
    }

    /// A page of the connected users, most recently connected first, without tokens.
    ///
    /// - Parameters:
    ///   - first: the page size (1…100), 50 when nil.
    ///   - after: the `endCursor` of the previous page.
    public func connectedUsers(
        _ caller: Identity,
        first: Int?,
        after: String?
    ) async throws(GatewayError) -> ConnectedUsersPage {
        guard caller.isAdmin else { throw .forbidden("list the connected users") }
        let paging: Paging
        do {
            paging = try Paging(
                first: first.map(JSONValue.int),
                after: after.map(JSONValue.string),
                defaultFirst: 50,
                scope: "connectedUsers"
            )
        } catch {
            throw GatewayError(.badUserInput, error.message, extensions: ["field": first == nil ? "after" : "first"])
        }
        return try await storeCall("listing the connected users") {
            // One row more than the page tells whether there is a next page.
            let rows = try await store.connectedUsers(limit: paging.first + 1, offset: paging.offset)
            let total = try await store.connectedUserCount()
            let users = Array(rows.prefix(paging.first))
            return ConnectedUsersPage(
                users: users,
                hasNextPage: rows.count > paging.first,
                hasPreviousPage: paging.offset > 0,
                startCursor: users.isEmpty ? nil : paging.cursor(after: paging.offset + 1),
                endCursor: users.isEmpty ? nil : paging.cursor(after: paging.offset + users.count),
                totalCount: total
            )
        }
    }

    /// Disconnects a user: revokes their tokens at ServiceNow (best effort) and deletes them, recording a
    /// `disconnectUser` audit entry by the caller. Returns whether the user was connected.
    public func disconnectUser(_ caller: Identity, subject: String) async throws(GatewayError) -> Bool {
        guard caller.isAdmin else { throw .forbidden("disconnect users") }
        guard !subject.isEmpty, subject.utf8.count <= 1024 else {
            throw GatewayError(.badUserInput, "The subject is empty or too long.", extensions: ["field": "subject"])
        }
        return try await storeCall("disconnecting a user") {
            do {
                try await oauth.revokeTokens(subject: subject)
            } catch {
                // Revocation is best effort; the tokens are deleted below whatever happened.
                logger.warning(
                    "Could not revoke a user's tokens before disconnecting them",
                    metadata: ["subject": "\(subject)", "error": "\(String(describing: error))"]
                )
            }
            let disconnected = try await store.disconnectUser(subject: subject, by: caller.subject)
            logger.notice(
                "An administrator disconnected a user",
                metadata: ["actor": "\(caller.subject)", "subject": "\(subject)", "wasConnected": "\(disconnected)"]
            )
            return disconnected
        }
    }
}

/// A page of ``GatewayOperations/connectedUsers(_:first:after:)``.
public struct ConnectedUsersPage: Sendable, Hashable {
    /// The users of the page.
    public var users: [ConnectedUser]
    /// Whether more users follow.
    public var hasNextPage: Bool
    /// Whether users precede the page.
    public var hasPreviousPage: Bool
    /// The cursor of the page's first user.
    public var startCursor: String?
    /// The cursor to pass as `after` for the next page.
    public var endCursor: String?
    /// How many users are connected in all.
    public var totalCount: Int
}
