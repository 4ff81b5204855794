/// The continuation a request's task waits on; resumed exactly once by the transfer loop.
typealias ResponseContinuation = CheckedContinuation<Result<CurlResponse, CurlError>, Never>

/// A request on its way to the transfer loop.
struct Job: Sendable {
    let id: UInt64
    let request: PreparedRequest
    let continuation: ResponseContinuation
}
