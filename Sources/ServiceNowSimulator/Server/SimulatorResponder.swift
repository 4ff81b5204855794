import HTTPTypes
import Hummingbird
import NIOCore

/// Bridges Hummingbird to the server-independent `RequestHandler`.
struct SimulatorResponder: HTTPResponder {
    typealias Context = SimulatorRequestContext

    let handler: RequestHandler
    let fallbackHost: @Sendable () -> String

    /// Batch items may be 5 MB each (§10); a whole request is capped well above a realistic batch.
    static let maximumBody = 64 << 20

    func respond(to request: Request, context: Context) async throws -> Response {
        let buffer = try await request.body.collect(upTo: Self.maximumBody)
        var headers: [(name: String, value: String)] = []
        for field in request.headers { headers.append((field.name.rawName, field.value)) }
        let apiRequest = APIRequest(
            method: request.method.rawValue,
            target: request.head.path ?? "/",
            headers: headers,
            body: Array(buffer.readableBytesView)
        )
        let host = request.head.authority ?? fallbackHost()
        let response = await handler.handle(apiRequest, baseURL: "http://\(host)")
        if response.dropConnection {
            // Nothing has been written yet: closing now gives the client a connection closed without a response.
            try? await context.channel.close()
            throw CancellationError()
        }
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: response.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body))
        )
    }
}
