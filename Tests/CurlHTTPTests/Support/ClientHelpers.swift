import CurlHTTP
import Testing

/// Runs `body` with a fresh client (configured by `configure`) and shuts it down afterwards, also when `body` throws.
func withClient<T>(
    _ configure: (inout CurlClient.Configuration) -> Void = { _ in },
    _ body: (CurlClient) async throws -> T
) async throws -> T {
    var configuration = CurlClient.Configuration()
    configure(&configuration)
    let client = try CurlClient(configuration: configuration)
    do {
        let result = try await body(client)
        await client.shutdown()
        return result
    } catch {
        await client.shutdown()
        throw error
    }
}

/// The error `operation` throws, or nil when it succeeds. (Closures do not infer typed throws from this context, so
/// it takes an untyped one; anything but a `CurlError` is recorded as an issue.)
func curlError(_ operation: () async throws -> CurlResponse) async -> CurlError? {
    do {
        _ = try await operation()
        return nil
    } catch let error as CurlError {
        return error
    } catch {
        Issue.record("not a CurlError: \(error)")
        return nil
    }
}

extension CurlResponse {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}
