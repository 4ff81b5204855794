/// A notification sent with `NOTIFY` (or `pg_notify`) and received by a `NotificationListener`.
public struct Notification: Sendable, Hashable {
    /// The channel it was sent on.
    public var channel: String
    /// The payload text (empty when none was given).
    public var payload: String
    /// The server process of the session that sent it.
    public var backendPID: Int32

    /// Creates a notification.
    public init(channel: String, payload: String, backendPID: Int32) {
        self.channel = channel
        self.payload = payload
        self.backendPID = backendPID
    }
}
