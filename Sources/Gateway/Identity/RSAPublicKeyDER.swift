/// The modulus and exponent of an RSA public key in PEM, read here rather than by swift-crypto's PEM/DER parser:
/// that parser (this version of `_CryptoExtras`) frees its key twice when the input is not an RSA key — a P-256 key,
/// a truncated file — and aborts the process. Building the key from `n` and `e` takes a path without that defect.
///
/// Accepts `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo with `rsaEncryption`) and
/// `-----BEGIN RSA PUBLIC KEY-----` (PKCS #1 `RSAPublicKey`); anything else is nil.
enum RSAPublicKeyDER {
    /// `rsaEncryption`, 1.2.840.113549.1.1.1, as DER content bytes.
    static let rsaEncryptionOID: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]

    /// `(n, e)` of the PEM's key, big-endian without leading zero bytes, or nil when it is not an RSA public key.
    static func primitives(pem: String) -> (n: [UInt8], e: [UInt8])? {
        if let der = body(pem, label: "PUBLIC KEY") { return fromSubjectPublicKeyInfo(der) }
        if let der = body(pem, label: "RSA PUBLIC KEY") { return fromPKCS1(der) }
        return nil
    }

    /// The base64-decoded body between `-----BEGIN label-----` and `-----END label-----`.
    static func body(_ pem: String, label: String) -> [UInt8]? {
        guard let begin = pem.firstRange(of: "-----BEGIN \(label)-----"),
            let end = pem[begin.upperBound...].firstRange(of: "-----END \(label)-----")
        else { return nil }
        let text = pem[begin.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        return Base64.decode(String(text), alphabet: .standard, padding: .optional)
    }

    /// SubjectPublicKeyInfo ::= SEQUENCE { SEQUENCE { OID, params }, BIT STRING }.
    static func fromSubjectPublicKeyInfo(_ der: [UInt8]) -> (n: [UInt8], e: [UInt8])? {
        var outer = Reader(der)
        guard let info = outer.read(tag: 0x30), outer.isAtEnd else { return nil }
        var fields = Reader(info)
        guard let algorithm = fields.read(tag: 0x30), let bits = fields.read(tag: 0x03), fields.isAtEnd else {
            return nil
        }
        var identifier = Reader(algorithm)
        guard identifier.read(tag: 0x06) == rsaEncryptionOID else { return nil }
        // The bit string's first byte counts unused bits: 0 for a DER-encoded key.
        guard bits.first == 0 else { return nil }
        return fromPKCS1(Array(bits.dropFirst()))
    }

    /// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
    static func fromPKCS1(_ der: [UInt8]) -> (n: [UInt8], e: [UInt8])? {
        var outer = Reader(der)
        guard let sequence = outer.read(tag: 0x30), outer.isAtEnd else { return nil }
        var fields = Reader(sequence)
        guard let n = fields.read(tag: 0x02), let e = fields.read(tag: 0x02), fields.isAtEnd else { return nil }
        let modulus = Array(n.drop { $0 == 0 })
        let exponent = Array(e.drop { $0 == 0 })
        guard !modulus.isEmpty, !exponent.isEmpty, exponent.count <= 8 else { return nil }
        return (modulus, exponent)
    }

    /// Reads DER tag-length-value elements (definite lengths only, at most 4 length bytes).
    struct Reader {
        private let bytes: [UInt8]
        private var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { index == bytes.count }

        /// The content of the next element if it has `tag`; nil (and nothing consumed) otherwise.
        mutating func read(tag: UInt8) -> [UInt8]? {
            var cursor = index
            guard cursor < bytes.count, bytes[cursor] == tag else { return nil }
            cursor += 1
            guard cursor < bytes.count else { return nil }
            let first = bytes[cursor]
            cursor += 1
            var length = 0
            if first < 0x80 {
                length = Int(first)
            } else {
                let count = Int(first & 0x7F)
                guard (1...4).contains(count), cursor + count <= bytes.count else { return nil }
                for byte in bytes[cursor..<cursor + count] { length = length << 8 | Int(byte) }
                cursor += count
            }
            guard length <= bytes.count - cursor else { return nil }
            index = cursor + length
            return Array(bytes[cursor..<cursor + length])
        }
    }
}
