#if canImport(Glibc)
import Glibc
#endif

/// A port on 127.0.0.1 that nothing listens on, and that nothing running in parallel will take.
///
/// Below Linux's ephemeral range (32768–60999): every test server binds port 0 and so lands in that range, and a
/// port freed there (say, by a test server shut down) can be given to another test's server at once, which then
/// answers where the test expected a refusal.
func closedPort() -> Int {
    for _ in 0..<200 {
        let port = Int.random(in: 20_000..<32_768)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { continue }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // Bindable now, and closed (never listened on) when this returns.
        if bound == 0 { return port }
    }
    return 1  // tcpmux: privileged and unused; connecting to it is refused as well
}
