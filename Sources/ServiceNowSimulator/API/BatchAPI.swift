import JSON

/// The Batch API, `POST /api/now/v1/batch` (§5): items with Base64 bodies run one after another as the calling
/// user, each answered with its status, headers and Base64 body; items beyond the 30 s batch quota come back
/// in `unserviced_requests`.
struct BatchAPI: Sendable {
    let instance: Instance
    let router: APIRouter

    /// The "REST Batch API request timeout" quota rule (§5).
    static let quota = Duration.seconds(30)

    /// One parsed item.
    struct Item: Sendable {
        var id: String
        var method: String
        var url: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        var excludeResponseHeaders: Bool
    }

    /// Parses the request body; nil when it is not a batch request.
    static func parse(_ body: [UInt8]) -> (batchID: String, items: [Item])? {
        guard let value = try? JSONValue.parse(body), let object = value.objectValue,
            let requests = object["rest_requests"]?.arrayValue
        else { return nil }
        // PySNC sends the id as a number and expects it back as a string (§5).
        let batchID = object["batch_request_id"].map(TableAPI.string(from:)) ?? ""
        var items: [Item] = []
        for entry in requests {
            guard let id = entry["id"].map(TableAPI.string(from:)), let method = entry["method"]?.stringValue,
                let url = entry["url"]?.stringValue
            else { return nil }
            var headers: [(name: String, value: String)] = []
            for header in entry["headers"]?.arrayValue ?? [] {
                if let name = header["name"]?.stringValue, let value = header["value"]?.stringValue {
                    headers.append((name, value))
                }
            }
            var body: [UInt8] = []
            if let encoded = entry["body"]?.stringValue, !encoded.isEmpty {
                guard let decoded = Base64.decode(encoded) else { return nil }
                body = decoded
            }
            items.append(
                Item(
                    id: id,
                    method: method.uppercased(),
                    url: url,
                    headers: headers,
                    body: body,
                    excludeResponseHeaders: entry["exclude_response_headers"]?.boolValue ?? false
                )
            )
        }
        return (batchID, items)
    }

    func handle(_ request: APIRequest, caller: Caller, baseURL: String) async -> APIResponse {
        guard request.contentType == "application/json" else {
            return .error(415, "Unsupported Media Type", detail: "The Batch API accepts only application/json")
        }
        guard let (batchID, items) = Self.parse(request.body) else {
            return .error(400, "Exception while reading request", detail: "The payload is not valid JSON.")
        }
        let clock = instance.clock
        let started = clock.now
        var serviced: [JSONValue] = []
        var unserviced: [JSONValue] = []
        for item in items {
            if clock.now.duration(since: started) >= Self.quota {
                unserviced.append(.string(item.id))
                continue
            }
            let itemStart = clock.now
            // Each item is a transaction of its own, run after the previous one finished.
            let transaction = instance.configuration.latency.transaction
            if transaction > .zero { try? await clock.sleep(for: transaction) }
            var target = item.url
            if !target.hasPrefix("/") { target = "/" + target }
            let itemRequest = APIRequest(method: item.method, target: target, headers: item.headers, body: item.body)
            // A fault scoped to the item's path answers the item alone (a status of its own in the batch answer).
            let response: APIResponse
            if let fault = instance.faults.takeForBatchItem(path: itemRequest.path),
                let faulted = FaultInjector.response(for: fault, now: clock.now)
            {
                response = faulted
            } else {
                response = await router.route(itemRequest, caller: caller, baseURL: baseURL, inBatch: true)
            }
            let milliseconds = clock.now.duration(since: itemStart).components
            let executionTime = Int(milliseconds.seconds * 1000 + milliseconds.attoseconds / 1_000_000_000_000_000)
            var entry: JSONObject = [
                "id": .string(item.id),
                "status_code": .int(response.status),
                "status_text": .string(HTTPStatusText.text(for: response.status)),
                "body": .string(Base64.encode(response.body)),
            ]
            entry["headers"] = .array(
                item.excludeResponseHeaders
                    ? []
                    : (response.headers + [("Content-Length", String(response.body.count))]).map {
                        ["name": .string($0.name), "value": .string($0.value)]
                    }
            )
            entry["execution_time"] = .int(executionTime)
            if response.status >= 400,
                let message = (try? JSONValue.parse(response.body))?["error"]?["message"]?.stringValue
            {
                entry["error_message"] = .string(message)
            }
            serviced.append(.object(entry))
        }
        return .json(
            200,
            [
                "batch_request_id": .string(batchID),
                "serviced_requests": .array(serviced),
                "unserviced_requests": .array(unserviced),
            ]
        )
    }
}
