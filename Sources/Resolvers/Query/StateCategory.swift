/// Where a ticket stands, comparable across tables: the schema's `StateCategory`.
public enum StateCategory: String, Sendable, Hashable, CaseIterable {
    case new = "NEW"
    case inProgress = "IN_PROGRESS"
    case onHold = "ON_HOLD"
    case resolved = "RESOLVED"
    case closed = "CLOSED"
    case canceled = "CANCELED"
}
