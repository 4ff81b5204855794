/// SplitMix64: a tiny, fast, well-distributed generator whose whole output follows from its seed, so the seed
/// data and the sys_ids of records created later are the same on every run.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 32 lowercase hex characters, the shape of a sys_id.
    mutating func sysID() -> String {
        hex(next()) + hex(next())
    }

    /// `count` lowercase hex characters.
    mutating func hexString(count: Int) -> String {
        var text = ""
        while text.count < count { text += hex(next()) }
        return String(text.prefix(count))
    }

    /// A uniformly chosen element; `elements` must not be empty.
    mutating func pick<T>(_ elements: [T]) -> T {
        elements[Int(next() % UInt64(elements.count))]
    }

    /// An integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with the given probability.
    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    private func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
