import CurlHTTP
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension InstanceAddressPolicy {
    /// An instance URL whose host resolves to an address the policy refuses.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong, for the admin who entered the URL.
        public var message: String
        public var description: String { message }
    }

    /// Checks every address the host of `instanceURL` (normalised by ``InstanceURL``) resolves to, and refuses the
    /// URL if any of them is not allowed. Returns the addresses.
    ///
    /// A host that does not resolve (yet) is let through: the HTTP client's connect filter judges whatever it
    /// resolves to when the gateway connects, so nothing is lost, and a temporary DNS failure does not block the
    /// admin.
    public func check(instanceURL: String) async throws(Refusal) -> [[UInt8]] {
        guard let separator = instanceURL.firstRange(of: "://"),
            let hostAndPort = try? HostAndPort(parsing: instanceURL[separator.upperBound...])
        else {
            throw Refusal(message: "The instance URL is not valid.")
        }
        let host: String
        switch hostAndPort.host {
        case .name(let name): host = name
        case .ipv4(let octets): host = octets.map(String.init).joined(separator: ".")
        case .ipv6(let address): host = address
        }
        let addresses = await Self.resolve(host) ?? []
        for address in addresses where !allows(address) {
            let category = Self.category(of: address)
            let hint: String
            switch category {
            case .loopback:
                hint = " (this machine; only for the simulator, with --allow-http-loopback-instance)"
            case .private:
                hint =
                    " (an internal network; for an on-premises instance, start the gateway with "
                    + "--allow-private-instance)"
            default:
                hint = ""
            }
            let text = CurlSocketAddress(bytes: address)?.description ?? "an invalid address"
            throw Refusal(
                message: "The instance URL's host resolves to \(text), a \(Self.words(category)) address the gateway "
                    + "does not call\(hint). Enter your instance's public address, like https://acme.service-now.com"
            )
        }
        return addresses
    }

    private static func words(_ category: Category) -> String {
        switch category {
        case .public: "public"
        case .loopback: "loopback"
        case .private: "private"
        case .linkLocal: "link-local"
        case .multicast: "multicast"
        case .unspecified: "unspecified"
        case .reserved: "reserved"
        }
    }

    /// Every IPv4 and IPv6 address `host` resolves to (getaddrinfo, on NIO's thread pool: it blocks), or nil when
    /// it does not resolve.
    static func resolve(_ host: String) async -> [[UInt8]]? {
        guard !host.isEmpty, !host.utf8.contains(0) else { return nil }
        return try? await NIOThreadPool.singleton.runIfActive { lookUp(host) }
    }

    private static func lookUp(_ host: String) -> [[UInt8]]? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        var addresses: [[UInt8]] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let socketAddress = entry.pointee.ai_addr {
                switch entry.pointee.ai_family {
                case AF_INET:
                    let address = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                        $0.pointee.sin_addr
                    }
                    addresses.append(withUnsafeBytes(of: address) { Array($0) })
                case AF_INET6:
                    let address = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        $0.pointee.sin6_addr
                    }
                    addresses.append(withUnsafeBytes(of: address) { Array($0) })
                default:
                    break
                }
            }
            cursor = entry.pointee.ai_next
        }
        var unique: [[UInt8]] = []
        for address in addresses where !unique.contains(address) { unique.append(address) }
        return unique
    }
}
