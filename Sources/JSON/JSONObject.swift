/// A JSON object that keeps its members in insertion order.
///
/// GraphQL results must follow selection order, so a dictionary will not do. Small objects (the common case:
/// records of a few dozen fields) are searched linearly, which beats hashing at that size; larger ones keep an
/// index so lookups stay O(1). Setting an existing key replaces its value in place, as `JSON.parse` does with
/// duplicate keys (the last value wins, the first position stays).
///
/// Equality ignores member order, as JSON's does.
public struct JSONObject: Sendable {
    /// Objects up to this size are searched linearly; beyond it an index is kept.
    static let indexThreshold = 16

    public private(set) var keys: [String]
    public private(set) var values: [JSONValue]
    private var index: [String: Int]?

    /// An empty object.
    public init() {
        keys = []
        values = []
    }

    /// An empty object with room for `capacity` members.
    public init(minimumCapacity capacity: Int) {
        keys = []
        values = []
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// The parser's object: `keys` are distinct, and `index` (each key's position) is given exactly when there
    /// are more than ``indexThreshold`` of them.
    init(uniqueKeys keys: [String], values: [JSONValue], index: [String: Int]?) {
        assert(keys.count == values.count && (index != nil) == (keys.count > Self.indexThreshold))
        self.keys = keys
        self.values = values
        self.index = index
    }

    /// An object of the given members, in order; a repeated key keeps the last value at its first position.
    public init(_ members: some Sequence<(String, JSONValue)>) {
        // Room for every member up front: grown one append at a time, a literal of four members reallocated both
        // arrays three times (literals build most of the gateway's output objects).
        self.init(minimumCapacity: members.underestimatedCount)
        for (key, value) in members { self[key] = value }
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// The position of `key`, if present.
    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        for position in keys.indices where keys[position] == key { return position }
        return nil
    }

    /// The value of `key`; setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return values[position]
        }
        set {
            if let position = position(of: key) {
                if let newValue {
                    values[position] = newValue
                } else {
                    removeMember(at: position)
                }
            } else if let newValue {
                append(key, newValue)
            }
        }
    }

    /// Appends a member without checking for an existing key: for builders that know their keys are unique
    /// (the executor's response keys, a serializer's output). Use the subscript otherwise.
    public mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
        append(key, value)
    }

    private mutating func append(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
        if index != nil {
            index?[key] = keys.count - 1
        } else if keys.count > Self.indexThreshold {
            var built = [String: Int](minimumCapacity: keys.count * 2)
            for (position, existing) in keys.enumerated() where built[existing] == nil { built[existing] = position }
            index = built
        }
    }

    private mutating func removeMember(at position: Int) {
        keys.remove(at: position)
        values.remove(at: position)
        if index != nil {
            var built = [String: Int](minimumCapacity: keys.count * 2)
            for (position, existing) in keys.enumerated() where built[existing] == nil { built[existing] = position }
            index = keys.count > Self.indexThreshold ? built : nil
        }
    }
}

extension JSONObject: RandomAccessCollection {
    public typealias Element = (key: String, value: JSONValue)
    public var startIndex: Int { 0 }
    public var endIndex: Int { keys.count }
    public subscript(position: Int) -> Element { (keys[position], values[position]) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for position in lhs.keys.indices {
            guard let other = rhs[lhs.keys[position]], other == lhs.values[position] else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, to agree with `==`: combine the members' own hashes commutatively.
        var combined = 0
        for position in keys.indices {
            var member = Hasher()
            member.combine(keys[position])
            member.combine(values[position])
            combined ^= member.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
