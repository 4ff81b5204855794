#if canImport(Glibc)
import Glibc
#endif

/// The sockets a process holds, read from `/proc`: for tests about descriptors shared between processes, which no
/// API reports. A socket is named as `/proc` names it, `socket:[inode]`, the same text for every descriptor of it in
/// every process.
enum OpenSockets {
    /// One IPv4 socket of this process.
    struct Entry {
        let descriptor: Int32
        let socket: String
        let localPort: Int
        /// nil while not connected.
        let peerPort: Int?
    }

    /// This process's IPv4 sockets.
    static func ofThisProcess() -> [Entry] {
        descriptorTargets(of: "/proc/self/fd").compactMap { descriptor, target in
            guard target.hasPrefix("socket:"), let local = port(of: descriptor, peer: false) else { return nil }
            return Entry(
                descriptor: descriptor,
                socket: target,
                localPort: local,
                peerPort: port(of: descriptor, peer: true)
            )
        }
    }

    /// The socket behind one of this process's descriptors, or nil if it is not one.
    static func socket(of descriptor: Int32) -> String? {
        descriptorTarget("/proc/self/fd/\(descriptor)").flatMap { $0.hasPrefix("socket:") ? $0 : nil }
    }

    /// The sockets process `pid` holds.
    static func held(by pid: pid_t) -> Set<String> {
        Set(descriptorTargets(of: "/proc/\(pid)/fd").values.filter { $0.hasPrefix("socket:") })
    }

    /// The local or peer port of an IPv4 socket; nil for another family, or for the peer of an unconnected one.
    private static func port(of descriptor: Int32, peer: Bool) -> Int? {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                peer ? getpeername(descriptor, $0, &length) : getsockname(descriptor, $0, &length)
            }
        }
        guard result == 0, address.sin_family == sa_family_t(AF_INET) else { return nil }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Descriptor number → link text, for every entry of a `/proc/…/fd` folder.
    private static func descriptorTargets(of folder: String) -> [Int32: String] {
        guard let directory = opendir(folder) else { return [:] }
        defer { closedir(directory) }
        var targets: [Int32: String] = [:]
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if let descriptor = Int32(name), let target = descriptorTarget("\(folder)/\(name)") {
                targets[descriptor] = target
            }
        }
        return targets
    }

    private static func descriptorTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
