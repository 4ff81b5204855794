import Crypto

extension GatewayStore {
    /// Refuses an empty identifier (subjects, actors): an empty one would be a shared bucket for everyone.
    static func requireNonEmpty(_ value: String, _ name: String) throws(StoreError) {
        guard !value.isEmpty else {
            throw StoreError(code: .invalidArgument, message: "The \(name) must not be empty")
        }
    }

    /// Milliseconds in a duration, saturating.
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (product, overflowed) = seconds.multipliedReportingOverflow(by: 1000)
        let (sum, overflowedAgain) = product.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        guard !overflowed, !overflowedAgain else { return seconds < 0 ? .min : .max }
        return sum
    }

    /// The SHA-256 of an OAuth state value: the table's key, so the database never holds a usable state.
    static func stateHash(_ value: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(value.utf8)))
    }

    /// Lower-case hex, for binding a state's hash into its verifier's associated data.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
