/// The authority part of an `http(s)` URL without user information: a host name, an IPv4 address or a bracketed
/// IPv6 address, and an optional port. Shared by the public URL and the ServiceNow instance URL checks.
struct HostAndPort: Sendable, Hashable {
    /// Why an authority was refused.
    struct Failure: Error {
        var message: String
    }

    /// The kind of host.
    enum Host: Sendable, Hashable {
        /// A DNS name, lower-cased.
        case name(String)
        /// A dotted-quad IPv4 address.
        case ipv4([UInt8])
        /// An IPv6 address as written between the brackets, lower-cased.
        case ipv6(String)
    }

    /// The host.
    let host: Host
    /// The port, if one was written.
    let port: Int?

    /// The host as written in a URL (IPv6 in brackets).
    var urlHost: String {
        switch host {
        case .name(let name): name
        case .ipv4(let octets): octets.map(String.init).joined(separator: ".")
        case .ipv6(let address): "[" + address + "]"
        }
    }

    /// Whether the host is this machine: `localhost`, 127.0.0.0/8 or `::1`.
    var isLoopback: Bool {
        switch host {
        case .name(let name): name == "localhost"
        case .ipv4(let octets): octets.first == 127
        case .ipv6(let address): Self.isIPv6Loopback(address)
        }
    }

    init(parsing authority: Substring) throws(Failure) {
        guard !authority.isEmpty else { throw Failure(message: "the host is missing") }
        var hostText: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw Failure(message: "the IPv6 address has no closing bracket")
            }
            hostText = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw Failure(message: "unexpected text after the IPv6 address") }
                portText = after.dropFirst()
            }
            let lowered = hostText.lowercased()
            guard !lowered.isEmpty, lowered.utf8.allSatisfy(Self.isIPv6Byte), lowered.contains(":") else {
                throw Failure(message: "the IPv6 address is not valid")
            }
            host = .ipv6(lowered)
        } else {
            if let colon = authority.lastIndex(of: ":") {
                hostText = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            } else {
                hostText = authority
            }
            let lowered = hostText.lowercased()
            if let octets = Self.ipv4(lowered) {
                host = .ipv4(octets)
            } else {
                guard Self.isHostName(lowered) else {
                    throw Failure(message: "the host name may hold only letters, digits, dots and hyphens")
                }
                host = .name(lowered)
            }
        }
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                let port = Int(portText), (1...65535).contains(port)
            else {
                throw Failure(message: "the port must be a number from 1 to 65535")
            }
            self.port = port
        } else {
            self.port = nil
        }
    }

    /// Four decimal octets without leading zeros (which some resolvers read as octal), or nil.
    private static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                !(part.count > 1 && part.hasPrefix("0")), let value = UInt8(part)
            else { return nil }
            octets.append(value)
        }
        return octets
    }

    /// RFC 1123 labels: letters, digits and inner hyphens, 1–63 bytes each, 253 in all; not all-numeric at the end
    /// (so `1.2.3.999` is not taken for a name).
    private static func isHostName(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        if let last = labels.last, last.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return false }
        return true
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90)
    }

    private static func isIPv6Byte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: ".")
    }

    /// `::1` in any of its spellings (`0:0:0:0:0:0:0:1`, `::0:1`, …).
    private static func isIPv6Loopback(_ address: String) -> Bool {
        guard let groups = ipv6Groups(address) else { return false }
        return groups == [0, 0, 0, 0, 0, 0, 0, 1]
    }

    /// The eight 16-bit groups of an IPv6 address without an embedded IPv4 part, or nil.
    private static func ipv6Groups(_ address: String) -> [UInt16]? {
        let gaps = address.ranges(of: "::")
        guard gaps.count <= 1 else { return nil }
        func parse(_ text: Substring) -> [UInt16]? {
            if text.isEmpty { return [] }
            var values: [UInt16] = []
            for group in text.split(separator: ":", omittingEmptySubsequences: false) {
                guard !group.isEmpty, group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        if let gap = gaps.first {
            guard let head = parse(address[..<gap.lowerBound]), let tail = parse(address[gap.upperBound...]),
                head.count + tail.count < 8
            else { return nil }
            return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard let all = parse(address[...]), all.count == 8 else { return nil }
        return all
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII spaces, tabs and line breaks.
    func trimmingASCIISpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
