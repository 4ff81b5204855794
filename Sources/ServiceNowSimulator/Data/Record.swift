/// One row: raw stored values by field name, each a string as the Table API shows them (`""` when empty).
public struct Record: Sendable, Hashable {
    /// The stored values; a field missing here reads as `""`.
    public var values: [String: String]

    /// A record with the given values.
    public init(_ values: [String: String]) {
        self.values = values
    }

    /// The record's sys_id.
    public var sysID: String { values["sys_id"] ?? "" }

    /// The stored value of `field`, `""` when unset.
    public subscript(field: String) -> String {
        get { values[field] ?? "" }
        set { values[field] = newValue }
    }
}
