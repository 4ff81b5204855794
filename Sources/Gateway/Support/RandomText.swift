/// Unpredictable identifiers from the operating system's CSPRNG.
enum RandomText {
    private static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// `count` letters and digits, each uniformly chosen (ServiceNow refuses other characters in `state`). 43
    /// characters carry 256 bits.
    static func alphanumeric(count: Int) -> String {
        // SystemRandomNumberGenerator reads the kernel's CSPRNG (getrandom / arc4random); `random(in:)` is unbiased.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            bytes.append(alphanumerics[Int.random(in: 0..<alphanumerics.count, using: &generator)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `byteCount` random bytes as lower-case hex.
    static func hex(byteCount: Int) -> String {
        // Eight bytes per draw: each draw is a getrandom system call, and a request ID is made for every request
        // (one draw per byte was 16 system calls per request).
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(byteCount * 2)
        var word: UInt64 = 0
        for index in 0..<byteCount {
            if index % 8 == 0 { word = generator.next() }
            let byte = UInt8(truncatingIfNeeded: word >> (8 * UInt64(index % 8)))
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `text` is made only of letters and digits and has a length in `lengths`.
    static func isAlphanumeric(_ text: String, lengths: ClosedRange<Int>) -> Bool {
        lengths.contains(text.utf8.count) && text.utf8.allSatisfy { alphanumerics.contains($0) }
    }
}
