import JSON

/// Turns what ServiceNow sent (a whole HTTP response, or one item of a Batch answer) into an ``UpstreamResponse``
/// or the ``ServiceNowError`` a GraphQL client should see.
///
/// ServiceNow is treated as untrusted input: a body that is not JSON, HTML in place of JSON (a hibernating
/// instance answers 200 with a web page), a JSON value of the wrong shape, or an unexpected status all become
/// `SERVICENOW_UNAVAILABLE`, never a crash. ServiceNow's own error message is passed on where it helps the user
/// (`Mandatory Variables are required`), shortened and without control characters.
enum ResponseInterpreter {
    /// ServiceNow bodies nest a handful of levels; anything deeper is not an answer of its.
    static let parserLimits = JSONParser.Limits(maxDepth: 64, maxBytes: 32 << 20)

    /// The outcome of one answer.
    static func interpret(
        status: Int,
        headers: [UpstreamResponse.Header],
        body: [UInt8]
    ) -> Result<UpstreamResponse, ServiceNowError> {
        switch status {
        case 200..<300:
            if status == 204 || (body.isEmpty && status != 200) {
                return .success(UpstreamResponse(status: status, body: .null, headers: headers))
            }
            guard let parsed = try? JSONParser(limits: parserLimits).parse(body), case .object = parsed else {
                return .failure(notData(headers: headers, body: body))
            }
            return .success(UpstreamResponse(status: status, body: parsed, headers: headers))
        case 400:
            return .failure(ServiceNowError(.badUserInput, describe("ServiceNow refused the request", body)))
        case 401:
            return .failure(.authRequired(authorizeURL: nil, message: "ServiceNow no longer accepts your sign-in."))
        case 403:
            return .failure(ServiceNowError(.accessDenied, describe("ServiceNow denied access", body)))
        case 404:
            return .failure(ServiceNowError(.notFound, describe("ServiceNow found no such record", body)))
        case 429:
            var extensions: JSONObject = [:]
            let retryAfter = UpstreamResponse.header("Retry-After", in: headers)
                .flatMap { Int($0.trimmingSpaces()) }
            if let retryAfter, retryAfter >= 0 { extensions["retryAfter"] = .int(retryAfter) }
            return .failure(
                ServiceNowError(
                    .rateLimited,
                    describe("ServiceNow is receiving too many requests; try again later", body),
                    extensions: extensions
                )
            )
        case 500..<600:
            return .failure(
                ServiceNowError(.unavailable, "ServiceNow is not available right now (HTTP \(status)).")
            )
        default:
            return .failure(
                ServiceNowError(.unavailable, "ServiceNow answered in an unexpected way (HTTP \(status)).")
            )
        }
    }

    /// A 2xx answer that is not a JSON object: a hibernation page, a proxy's error page, or garbage.
    private static func notData(headers: [UpstreamResponse.Header], body: [UInt8]) -> ServiceNowError {
        let contentType = UpstreamResponse.header("Content-Type", in: headers)?.lowercased() ?? ""
        let firstVisible = body.first { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
        let looksLikeHTML = contentType.hasPrefix("text/html") || firstVisible == UInt8(ascii: "<")
        if looksLikeHTML {
            let page = String(decoding: body.prefix(4096), as: UTF8.self).lowercased()
            if page.contains("hibernat") {
                return ServiceNowError(.unavailable, "The ServiceNow instance is hibernating; wake it up and retry.")
            }
            return ServiceNowError(.unavailable, "ServiceNow answered with a web page instead of data.")
        }
        return ServiceNowError(.unavailable, "ServiceNow answered with something that is not data.")
    }

    /// `prefix: <ServiceNow's message> (<detail>)`, when the body is ServiceNow's error envelope.
    static func describe(_ prefix: String, _ body: [UInt8]) -> String {
        guard let envelope = try? JSONParser(limits: parserLimits).parse(body),
            let message = envelope["error"]?["message"]?.stringValue.map(clean), !message.isEmpty
        else { return prefix + "." }
        var text = prefix + ": " + message
        if let detail = envelope["error"]?["detail"]?.stringValue.map(clean), !detail.isEmpty, detail != message {
            text += " (" + detail + ")"
        }
        return text
    }

    /// At most 300 characters, control characters replaced by spaces: ServiceNow's text goes into our errors.
    private static func clean(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars.prefix(300) {
            output.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar)
        }
        return output.trimmingSpaces()
    }
}
