import JSON
import Logging
import PostgreSQL

extension PostgreSQLGatewayStore {
    public func changes() -> AsyncStream<StoreChange> {
        changeFeed.subscribe()
    }

    public func announceUserWrite(subject: String) async throws {
        try Self.requireNonEmpty(subject, "subject")
        let change = StoreChange.userWrote(subject: subject)
        try await write("announcing a user's write") { [origin, channel = options.channel] connection in
            try Self.announce(change, origin: origin, channel: channel, in: connection)
        }
        changeFeed.publish(change)
    }

    /// Queues the change's notification in the caller's transaction: PostgreSQL sends it when (and only if) the
    /// transaction commits.
    static func announce(_ change: StoreChange, origin: String, channel: String, in connection: Connection) throws {
        try connection.execute(
            "SELECT pg_notify($1, $2)",
            [.text(channel), .text(ChangeMessage.encode(change, origin: origin))]
        )
    }

    /// Hands the listener's events to this process's streams: other replicas' changes as they are, an interrupted
    /// connection as `.feedInterrupted` and its return as `.resynchronized`.
    static func deliver(
        _ event: NotificationListener.Event,
        to feed: ChangeFeed,
        origin: String,
        logger: Logger
    ) {
        switch event {
        case .notification(let notification):
            guard let change = ChangeMessage.decode(notification.payload, ignoringOrigin: origin) else { return }
            feed.publish(change)
        case .interrupted(let error):
            logger.warning(
                "Lost the connection that hears other replicas' changes; reconnecting",
                metadata: ["error": "\(error)"]
            )
            feed.publish(.feedInterrupted)
        case .listening:
            logger.info("Hearing other replicas' changes again")
            feed.publish(.resynchronized)
        }
    }
}

/// The text of a change's notification: a JSON object naming the sending store instance and the change.
///
/// `{"origin":"3f2a…","change":"tokensStored","subject":"alice"}`. PostgreSQL limits a payload to 8,000 bytes; a
/// change too long for it (an absurdly long subject) is sent as `resynchronized`, which makes every other replica
/// drop everything cached — more than needed, never less.
enum ChangeMessage {
    static let maximumPayloadBytes = 7_900

    static func encode(_ change: StoreChange, origin: String) -> String {
        var object: JSONObject = ["origin": .string(origin)]
        switch change {
        case .configurationSaved(let version):
            object["change"] = "configurationSaved"
            object["version"] = .string(String(version))
        case .widgetSettingsSaved:
            object["change"] = "widgetSettingsSaved"
        case .tokensStored(let subject):
            object["change"] = "tokensStored"
            object["subject"] = .string(subject)
        case .userDisconnected(let subject):
            object["change"] = "userDisconnected"
            object["subject"] = .string(subject)
        case .userWrote(let subject):
            object["change"] = "userWrote"
            object["subject"] = .string(subject)
        case .feedInterrupted, .resynchronized:
            object["change"] = "resynchronized"
        }
        let text = JSONValue.object(object).serializedString()
        guard text.utf8.count <= maximumPayloadBytes else {
            return JSONValue.object(["origin": .string(origin), "change": "resynchronized"]).serializedString()
        }
        return text
    }

    /// The change in a payload, or `nil` when it is this instance's own (already published locally). A payload
    /// this version does not understand (from a newer replica) is `.resynchronized`: dropping every cache is
    /// always safe.
    static func decode(_ payload: String, ignoringOrigin origin: String) -> StoreChange? {
        guard let object = try? JSONValue.parse(payload).objectValue else { return .resynchronized }
        if object["origin"]?.stringValue == origin { return nil }
        let subject = object["subject"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        switch object["change"]?.stringValue {
        case "configurationSaved":
            guard let version = object["version"]?.stringValue.flatMap({ Int64($0) }) else { return .resynchronized }
            return .configurationSaved(version: version)
        case "widgetSettingsSaved":
            return .widgetSettingsSaved
        case "tokensStored":
            return subject.map { .tokensStored(subject: $0) } ?? .resynchronized
        case "userDisconnected":
            return subject.map { .userDisconnected(subject: $0) } ?? .resynchronized
        case "userWrote":
            return subject.map { .userWrote(subject: $0) } ?? .resynchronized
        default:
            return .resynchronized
        }
    }
}
