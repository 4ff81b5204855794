import JSON

/// The Batch API's wire format (`POST /api/now/v1/batch`, §5): items with string ids, relative URLs, header lists
/// and Base64 bodies; answered with `serviced_requests` (each with its own status, headers and Base64 body) and
/// `unserviced_requests` (ids the instance did not run because the batch hit its time or size quota).
enum BatchCodec {
    /// The Batch API's path; the version segment is required (`/api/now/batch` is an unknown resource).
    static let path = "/api/now/v1/batch"

    /// The request body for `items`, each with its id.
    static func encode(batchID: String, items: [(id: String, request: UpstreamRequest)]) -> [UInt8] {
        var requests: [JSONValue] = []
        requests.reserveCapacity(items.count)
        for (id, request) in items {
            var headers: [JSONValue] = [["name": "Accept", "value": "application/json"]]
            var item: JSONObject = [
                "id": .string(id),
                "method": .string(request.method),
                "url": .string(request.relativeURL),
            ]
            if let body = request.body {
                headers.append(["name": "Content-Type", "value": "application/json"])
                item["body"] = .string(Base64.encode(body))
            }
            item["headers"] = .array(headers)
            // The headers carry X-Total-Count, which list reads need.
            item["exclude_response_headers"] = false
            requests.append(.object(item))
        }
        let body: JSONValue = ["batch_request_id": .string(batchID), "rest_requests": .array(requests)]
        return body.serialized()
    }

    /// What a Batch answer says about one item the instance ran.
    struct Serviced: Sendable {
        /// The item's answer or error.
        var result: Result<UpstreamResponse, ServiceNowError>
        /// The item's outcome, for retrying it alone.
        var outcome: AttemptOutcome
    }

    /// What a Batch answer says about each item.
    struct Decoded: Sendable {
        /// The outcome of every item the instance ran, by id.
        var serviced: [String: Serviced]
        /// The ids it did not run.
        var unserviced: [String]
    }

    /// Reads a Batch answer's envelope (already checked to be a 2xx JSON object).
    static func decode(_ body: JSONValue) -> Result<Decoded, ServiceNowError> {
        guard let serviced = body["serviced_requests"]?.arrayValue else {
            return .failure(ServiceNowError(.unavailable, "ServiceNow's batch answer is not in the expected form."))
        }
        var decoded = Decoded(serviced: [:], unserviced: [])
        for entry in serviced {
            guard let id = idString(entry["id"]) else { continue }
            decoded.serviced[id] = item(entry)
        }
        for entry in body["unserviced_requests"]?.arrayValue ?? [] {
            // Ids are strings; accept `{"id": …}` too, which some releases are reported to send.
            if let id = idString(entry) ?? idString(entry["id"]) { decoded.unserviced.append(id) }
        }
        return .success(decoded)
    }

    private static func item(_ entry: JSONValue) -> Serviced {
        guard let status = entry["status_code"]?.intValue ?? entry["status_code"]?.stringValue.flatMap({ Int($0) })
        else {
            return Serviced(
                result: .failure(
                    ServiceNowError(.unavailable, "ServiceNow's batch answer has an item without a status.")
                ),
                outcome: .otherFailure
            )
        }
        var headers: [UpstreamResponse.Header] = []
        for header in entry["headers"]?.arrayValue ?? [] {
            if let name = header["name"]?.stringValue, let value = header["value"]?.stringValue {
                headers.append(UpstreamResponse.Header(name: name, value: value))
            }
        }
        var body: [UInt8] = []
        if let encoded = entry["body"]?.stringValue, !encoded.isEmpty {
            guard let bytes = Base64.decode(encoded) else {
                return Serviced(
                    result: .failure(
                        ServiceNowError(.unavailable, "ServiceNow's batch answer has an unreadable item.")
                    ),
                    outcome: .otherFailure
                )
            }
            body = bytes
        }
        return Serviced(
            result: ResponseInterpreter.interpret(status: status, headers: headers, body: body),
            outcome: AttemptOutcome.of(status: status, headers: headers, body: body)
        )
    }

    private static func idString(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        default: return nil
        }
    }
}
