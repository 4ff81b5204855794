#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a UTF-8 text file (a fixture) without Foundation.
func readTextFile(_ path: String) throws -> String {
    guard let file = fopen(path, "rb") else { throw Failure("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Runs `work` on a new thread with a stack of `stackSize` bytes and waits for it: the parser's nesting limit
/// must keep it inside the smallest stacks it may run on.
func runOnThread(stackSize: Int, _ work: @escaping @Sendable () -> Void) {
    final class Box: @unchecked Sendable {
        // Written once before the thread starts, read by it: no concurrent access.
        let work: @Sendable () -> Void
        init(_ work: @escaping @Sendable () -> Void) { self.work = work }
    }
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setstacksize(&attributes, stackSize)
    let box = Unmanaged.passRetained(Box(work))
    #if canImport(Glibc)
    var thread = pthread_t()
    #else
    var thread: pthread_t?
    #endif
    let created = pthread_create(
        &thread,
        &attributes,
        { argument in
            #if canImport(Glibc)
            let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
            #else
            let box = Unmanaged<Box>.fromOpaque(argument).takeRetainedValue()
            #endif
            box.work()
            return nil
        },
        box.toOpaque()
    )
    pthread_attr_destroy(&attributes)
    guard created == 0 else {
        box.release()
        return
    }
    #if canImport(Glibc)
    pthread_join(thread, nil)
    #else
    if let thread { pthread_join(thread, nil) }
    #endif
}
