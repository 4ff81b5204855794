public import CurlHTTP

/// What one attempt at a ServiceNow call came to, in the terms retries and the circuit breaker decide by.
///
/// It is worked out from the raw HTTP answer or the transport failure, before the answer is turned into data or a
/// ``ServiceNowError``.
public enum AttemptOutcome: Sendable, Hashable {
    /// ServiceNow answered as its API does: a 2xx with data, or a 4xx other than 429 (a 401, 403 or 404 is about the
    /// user or the record, not about the instance's health).
    case answered(status: Int)
    /// A 5xx.
    case serverError(status: Int)
    /// 429, with `Retry-After` when the instance sent one (its rate-limit rules do; a full transaction queue does not).
    case rateLimited(retryAfter: Duration?)
    /// A 2xx web page instead of the API: a hibernating developer instance, or a proxy's page.
    case notTheAPI
    /// No connection could be made (refused, unreachable, unresolvable): the request provably never reached
    /// ServiceNow, so even a write may be sent again.
    case couldNotConnect
    /// The connection closed before the answer was complete: the request may have been handled.
    case connectionClosed
    /// The attempt ran out of time: the request may have been handled.
    case timedOut
    /// A failure that says nothing about the instance's health and is not worth repeating: TLS verification, an
    /// answer over the size limit, a malformed request, cancellation, a client shut down.
    case otherFailure

    /// How an attempt bears on the instance's health, for the circuit breaker.
    public enum Health: Sendable, Hashable {
        /// The instance answered: whatever the status, it is up.
        case up
        /// A sign the instance is down or unusable for everyone.
        case down
        /// No evidence either way.
        case unknown
    }

    /// How this outcome bears on the instance's health.
    ///
    /// Connection failures, timeouts, dropped connections, web pages instead of the API and the 5xx statuses of an
    /// instance that is down, starting or behind a failing load balancer (502, 503, 504, and any other but 500 and
    /// 501) count as down. A 500 does not: ServiceNow answers 500 for a failing script or ACL on one resource while
    /// the rest of the instance works, and one broken list must not take every user's widget down. 429 means the
    /// instance is up and limiting.
    public var health: Health {
        switch self {
        case .answered, .rateLimited: .up
        case .serverError(let status): status == 500 || status == 501 ? .up : .down
        case .notTheAPI, .couldNotConnect, .connectionClosed, .timedOut: .down
        case .otherFailure: .unknown
        }
    }

    /// A short name for metrics: `answered`, `serverError`, `rateLimited`, `notTheAPI`, `couldNotConnect`,
    /// `connectionClosed`, `timedOut`, `otherFailure`.
    public var reason: String {
        switch self {
        case .answered: "answered"
        case .serverError: "serverError"
        case .rateLimited: "rateLimited"
        case .notTheAPI: "notTheAPI"
        case .couldNotConnect: "couldNotConnect"
        case .connectionClosed: "connectionClosed"
        case .timedOut: "timedOut"
        case .otherFailure: "otherFailure"
        }
    }

    /// The outcome of an HTTP answer.
    public static func of(status: Int, headers: [UpstreamResponse.Header], body: [UInt8]) -> AttemptOutcome {
        switch status {
        case 429:
            let header = UpstreamResponse.header("Retry-After", in: headers)
            return .rateLimited(retryAfter: header.flatMap(Self.retryAfter))
        case 500..<600:
            return .serverError(status: status)
        case 200..<300 where looksLikeAWebPage(headers: headers, body: body):
            return .notTheAPI
        default:
            return .answered(status: status)
        }
    }

    /// The outcome of a transfer that failed.
    public static func of(_ error: CurlError) -> AttemptOutcome {
        switch error.code {
        case .couldNotConnect: .couldNotConnect
        case .connectionClosed: .connectionClosed
        case .timedOut: .timedOut
        default: .otherFailure
        }
    }

    /// `Retry-After` in whole seconds (ServiceNow sends seconds; an HTTP date is not honoured and reads as absent).
    static func retryAfter(_ text: String) -> Duration? {
        guard let seconds = Int(text.trimmingSpaces()), seconds >= 0, seconds <= 86_400 else { return nil }
        return .seconds(seconds)
    }

    /// HTML where JSON belongs: the content type says so, or the body starts with `<`.
    static func looksLikeAWebPage(headers: [UpstreamResponse.Header], body: [UInt8]) -> Bool {
        let contentType = UpstreamResponse.header("Content-Type", in: headers)?.lowercased() ?? ""
        if contentType.hasPrefix("text/html") { return true }
        let firstVisible = body.first { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
        return firstVisible == UInt8(ascii: "<")
    }
}
