/// Which IP addresses the gateway may call as a ServiceNow instance: the defence against an admin (or a stolen admin
/// token) pointing the gateway at internal services — a cloud metadata endpoint, an intranet admin page, the
/// gateway's own host — and reading their answers back through error messages or token exchanges (SSRF).
///
/// Public addresses are allowed. Loopback only with `--allow-http-loopback-instance` (the simulator, tests), private
/// ranges (RFC 1918, shared address space 100.64/10, IPv6 unique-local) only with `--allow-private-instance` (an
/// on-premises instance). Link-local (169.254/16 — cloud metadata — and fe80::/10), multicast, unspecified and
/// reserved addresses never. IPv4 addresses inside IPv6 (mapped, NAT64, 6to4) are judged as the IPv4 address.
///
/// It is applied twice: to every address the instance's host resolves to when an admin saves the configuration
/// (``check(host:)``), and to the address of every connection the ServiceNow HTTP client opens (its
/// `connectAddressFilter`), so a host name that resolves elsewhere later (DNS rebinding) is still refused.
public struct InstanceAddressPolicy: Sendable, Hashable {
    /// What kind of address one is.
    public enum Category: String, Sendable, Hashable {
        /// A globally routable address.
        case `public`
        /// 127.0.0.0/8, ::1.
        case loopback
        /// 10/8, 172.16/12, 192.168/16, 100.64/10 (shared address space), fc00::/7, fec0::/10.
        case `private`
        /// 169.254/16, fe80::/10: never (cloud metadata services live here).
        case linkLocal
        /// 224/4, ff00::/8.
        case multicast
        /// 0/8, ::.
        case unspecified
        /// Documentation, benchmarking, future use, broadcast, Teredo, and other special ranges.
        case reserved
    }

    /// Whether loopback addresses are allowed.
    public var allowLoopback: Bool
    /// Whether private addresses are allowed.
    public var allowPrivate: Bool

    /// A policy.
    public init(allowLoopback: Bool, allowPrivate: Bool) {
        self.allowLoopback = allowLoopback
        self.allowPrivate = allowPrivate
    }

    /// Whether the address (4 or 16 bytes, network order) may be called.
    public func allows(_ address: [UInt8]) -> Bool {
        switch Self.category(of: address) {
        case .public: true
        case .loopback: allowLoopback
        case .private: allowPrivate
        case .linkLocal, .multicast, .unspecified, .reserved: false
        }
    }

    /// The category of a 4- or 16-byte address (anything else is `reserved`).
    public static func category(of address: [UInt8]) -> Category {
        switch address.count {
        case 4: return ipv4Category(address)
        case 16: return ipv6Category(address)
        default: return .reserved
        }
    }

    private static func ipv4Category(_ a: [UInt8]) -> Category {
        switch (a[0], a[1]) {
        case (0, _): return .unspecified
        case (127, _): return .loopback
        case (10, _), (172, 16...31), (192, 168), (100, 64...127): return .private
        case (169, 254): return .linkLocal
        case (224...239, _): return .multicast
        case (240...255, _): return .reserved
        case (192, 0) where a[2] == 0 || a[2] == 2: return .reserved
        case (198, 18...19): return .reserved
        case (198, 51) where a[2] == 100: return .reserved
        case (203, 0) where a[2] == 113: return .reserved
        default: return .public
        }
    }

    private static func ipv6Category(_ a: [UInt8]) -> Category {
        let firstTen = a[0..<10].allSatisfy { $0 == 0 }
        if firstTen, a[10] == 0xFF, a[11] == 0xFF { return ipv4Category(Array(a[12..<16])) }  // ::ffff:a.b.c.d
        if a[0..<15].allSatisfy({ $0 == 0 }) {
            return a[15] == 1 ? .loopback : a[15] == 0 ? .unspecified : .reserved
        }
        if firstTen, a[10] == 0, a[11] == 0 { return .reserved }  // ::a.b.c.d, deprecated IPv4-compatible
        if a[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            return ipv4Category(Array(a[12..<16]))  // 64:ff9b::/96, NAT64
        }
        if a[0] == 0x20, a[1] == 0x02 { return ipv4Category(Array(a[2..<6])) }  // 2002::/16, 6to4
        if a[0] == 0x20, a[1] == 0x01, a[2] == 0x0D, a[3] == 0xB8 { return .reserved }  // 2001:db8::/32
        if a[0] == 0x20, a[1] == 0x01, a[2] == 0, a[3] == 0 { return .reserved }  // 2001::/32, Teredo
        if a[0] == 0x01, a[1] == 0, a[2..<8].allSatisfy({ $0 == 0 }) { return .reserved }  // 100::/64, discard
        if a[0] & 0xFE == 0xFC { return .private }  // fc00::/7
        if a[0] == 0xFE, a[1] & 0xC0 == 0x80 { return .linkLocal }  // fe80::/10
        if a[0] == 0xFE, a[1] & 0xC0 == 0xC0 { return .private }  // fec0::/10, deprecated site-local
        if a[0] == 0xFF { return .multicast }
        return .public
    }
}
