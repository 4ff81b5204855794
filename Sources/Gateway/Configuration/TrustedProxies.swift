#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reverse proxies (load balancers) whose `X-Forwarded-For` header the gateway believes, so that its
/// per-address rate limit counts browsers rather than the proxy (`--trusted-proxies`).
///
/// Only a connection *from* a trusted proxy has its header read, and the header is read from the right: each proxy
/// appends the address it saw, so the rightmost entry that is not itself a trusted proxy is the client as the
/// outermost trusted proxy saw it. Entries to its left were written by the client and prove nothing. With no
/// trusted proxies (the default) the header is ignored, as it must be when clients reach the gateway directly.
public struct TrustedProxies: Sendable, Hashable, CustomStringConvertible {
    /// One address range: the network's bytes (4 or 16) and the prefix length.
    struct Range: Sendable, Hashable {
        let network: [UInt8]
        let prefixLength: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == network.count else { return false }
            var remaining = prefixLength
            for index in network.indices where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if address[index] & mask != network[index] & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    let ranges: [Range]
    /// The ranges as given, for the startup log.
    private let texts: [String]

    /// Nobody is trusted: `X-Forwarded-For` is ignored.
    public static let none = TrustedProxies(ranges: [], texts: [])

    private init(ranges: [Range], texts: [String]) {
        self.ranges = ranges
        self.texts = texts
    }

    /// Addresses and ranges such as `127.0.0.1`, `10.0.0.0/8`, `::1` or `fd00::/8`; throws on anything else.
    public init(_ entries: [String]) throws(GatewayConfigurationError) {
        var ranges: [Range] = []
        for entry in entries {
            let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let address = Self.parse(String(parts[0])) else {
                throw GatewayConfigurationError(
                    "--trusted-proxies (SNOWGATE_TRUSTED_PROXIES): \(entry) is not an IP address or range"
                )
            }
            var prefixLength = address.count * 8
            if parts.count == 2 {
                guard let length = Int(parts[1]), (0...address.count * 8).contains(length) else {
                    throw GatewayConfigurationError(
                        "--trusted-proxies (SNOWGATE_TRUSTED_PROXIES): \(entry) has an invalid prefix length"
                    )
                }
                prefixLength = length
            }
            ranges.append(Range(network: address, prefixLength: prefixLength))
        }
        self.init(ranges: ranges, texts: entries)
    }

    /// Whether any proxy is trusted.
    public var isEmpty: Bool { ranges.isEmpty }

    public var description: String { texts.isEmpty ? "none" : texts.joined(separator: ",") }

    /// Whether `address` (4 or 16 bytes) is a trusted proxy.
    func trusts(_ address: [UInt8]) -> Bool {
        ranges.contains { $0.contains(Self.unmapped(address)) }
    }

    /// The client's address: the connection's peer, or, when the peer is a trusted proxy, the rightmost
    /// `X-Forwarded-For` entry that is not (the peer itself when the header is missing, empty or malformed).
    func clientAddress(peer: String?, forwardedFor headerValues: [String]) -> String? {
        guard !ranges.isEmpty, let peer, let peerBytes = Self.parse(peer), trusts(peerBytes) else { return peer }
        var client = peer
        for value in headerValues.reversed() {
            for entry in value.split(separator: ",").reversed() {
                let text = entry.trimmingASCIISpaces()
                // A malformed hop: nothing left of it can be placed; the last address believed stands.
                guard let bytes = Self.parse(text) else { return client }
                guard trusts(bytes) else { return Self.format(bytes) }
                client = Self.format(bytes)
            }
        }
        return client
    }

    /// An IPv4 or IPv6 address in text as 4 or 16 bytes.
    static func parse(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: v6) { Array($0) }
        }
        return nil
    }

    /// An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, what a dual-stack listener reports) as its IPv4 address.
    static func unmapped(_ address: [UInt8]) -> [UInt8] {
        guard address.count == 16, address[0..<10].allSatisfy({ $0 == 0 }), address[10] == 0xFF, address[11] == 0xFF
        else { return address }
        return Array(address[12..<16])
    }

    /// The canonical text of an address, so that one client is one rate-limit key however its proxy spelled it.
    static func format(_ address: [UInt8]) -> String {
        let bytes = unmapped(address)
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) }
        guard ok != nil else { return "invalid" }
        return String(nulTerminated: buffer)
    }
}
