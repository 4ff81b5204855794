/// A change to the store that invalidates what a process may cache, as `GatewayStore.changes()` delivers it.
///
/// On a shared backend every replica receives every replica's changes, so a cache of configuration, tokens or
/// per-user ServiceNow data can be dropped everywhere at once. The store itself never serves stale data (tokens
/// are always read under the current configuration version); the feed exists for caches in front of it.
public enum StoreChange: Sendable, Hashable {
    /// The ServiceNow configuration was saved (now at `version`), and with it every user's tokens and every
    /// pending OAuth state were deleted: drop everything cached per user.
    case configurationSaved(version: Int64)
    /// The widget settings were saved.
    case widgetSettingsSaved
    /// The user's tokens were stored: a new connection or a refresh.
    case tokensStored(subject: String)
    /// The user's tokens were deleted (the user or an admin disconnected them).
    case userDisconnected(subject: String)
    /// The user changed something in ServiceNow through a gateway: drop what is cached of their ServiceNow data.
    case userWrote(subject: String)
    /// Changes of other replicas may be missed from now on (the shared backend's notification connection broke):
    /// drop everything cached and cache nothing until `.resynchronized`.
    case feedInterrupted
    /// The feed works again after `.feedInterrupted`; what happened meanwhile is unknown, so drop everything
    /// cached once more, then cache as usual.
    case resynchronized
}

extension StoreChange {
    /// The user the change is about, or `nil` for a change that concerns everyone.
    public var subject: String? {
        switch self {
        case .tokensStored(let subject), .userDisconnected(let subject), .userWrote(let subject): subject
        case .configurationSaved, .widgetSettingsSaved, .feedInterrupted, .resynchronized: nil
        }
    }
}
