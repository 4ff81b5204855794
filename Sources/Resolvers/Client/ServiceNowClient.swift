public import CurlHTTP
import JSON
import Synchronization

/// One user's connection to one ServiceNow instance for the length of one GraphQL request: every call it makes
/// carries that user's OAuth token and nothing else (no cookies, no other user's token).
///
/// It sends ``UpstreamRequest``s over the process's shared ``CurlClient`` with `Accept: application/json`
/// (and `Content-Type: application/json` on writes) and `Authorization: Bearer`, and maps every failure to a
/// ``ServiceNowError``:
/// - a 401 asks the credentials for a refreshed token once and retries once; a second 401 means the user must
///   connect again (`SERVICENOW_AUTH_REQUIRED`);
/// - 403 `SERVICENOW_ACCESS_DENIED`, 404 `SERVICENOW_NOT_FOUND`, 429 `SERVICENOW_RATE_LIMITED` (with
///   `retryAfter`), 400 `BAD_USER_INPUT` with ServiceNow's message;
/// - 5xx, timeouts, refused or dropped connections, TLS failures, HTML instead of JSON (a hibernating instance
///   answers 200 with a web page) and answers of the wrong shape: `SERVICENOW_UNAVAILABLE`.
///
/// ``batch(_:)`` sends several requests as one Batch API call (`POST /api/now/v1/batch`) and resends the items
/// the instance reports as unserviced.
///
/// Failures are met as ``UpstreamResilience`` says (issue 8, docs/RELIABILITY.md): reads are retried after a 5xx, a
/// dropped or refused connection and a short 429 with jittered backoff (``RetryState``), writes only after a refused
/// connection; no attempt outlives the request's time budget; and the instance's shared ``CircuitBreaker`` is asked
/// before each attempt and told its outcome, so that a dead instance is answered at once.
public struct ServiceNowClient: Sendable {
    /// Timeouts and batch limits.
    public struct Options: Sendable, Hashable {
        /// The longest a single call may take, connection included. Default 20 s.
        public var timeout: Duration
        /// The longest a Batch call may take; the instance itself stops a batch after 30 s (§5). Default 35 s.
        public var batchTimeout: Duration
        /// How many more Batch calls are made for items the instance left unserviced. Default 2.
        public var maxBatchResends: Int

        /// Options with the defaults.
        public init(timeout: Duration = .seconds(20), batchTimeout: Duration = .seconds(35), maxBatchResends: Int = 2) {
            self.timeout = timeout
            self.batchTimeout = batchTimeout
            self.maxBatchResends = maxBatchResends
        }
    }

    /// The instance, `scheme://host[:port]` without a trailing slash.
    public let instanceURL: String
    /// The user whose token every call carries.
    public let credentials: any UserCredentials
    /// Timeouts and batch limits.
    public let options: Options
    /// Retries, the time budget and the instance's circuit breaker.
    public let resilience: UpstreamResilience
    /// When the time budget of this client's calls ends: ``UpstreamResilience/budget`` after its creation. One
    /// client serves one GraphQL request, so this is the request's deadline for ServiceNow.
    public let deadline: ContinuousClock.Instant
    private let http: CurlClient
    private let authorizationRequired: @Sendable () async -> ServiceNowError
    private let observer: (any UpstreamCallObserver)?
    /// The credentials' refusal, once seen: one request asks the token store at most once for a user who must
    /// connect (each refusal may mint a new authorize link).
    private let refusal = CredentialRefusal()

    /// A client for `instanceURL` (`https://acme.service-now.com`; a trailing slash is dropped) acting as the user
    /// behind `credentials`.
    ///
    /// - Parameters:
    ///   - authorizationRequired: the error to raise when ServiceNow rejects even a freshly refreshed token; the
    ///     gateway returns `SERVICENOW_AUTH_REQUIRED` with a new `authorizeUrl` there.
    ///   - resilience: retries, the request's time budget (counted from now) and the instance's circuit breaker.
    ///   - observer: told about every call, for metrics.
    /// - Throws: `SERVICENOW_NOT_CONFIGURED` when `instanceURL` is not an `http`/`https` origin.
    public init(
        instanceURL: String,
        http: CurlClient,
        credentials: any UserCredentials,
        options: Options = Options(),
        resilience: UpstreamResilience = UpstreamResilience(),
        authorizationRequired: @escaping @Sendable () async -> ServiceNowError = {
            .authRequired(authorizeURL: nil, message: "ServiceNow no longer accepts your sign-in; connect again.")
        },
        observer: (any UpstreamCallObserver)? = nil
    ) throws(ServiceNowError) {
        guard let origin = Self.origin(instanceURL) else {
            throw ServiceNowError(.notConfigured, "The ServiceNow instance URL is not a valid http(s) address.")
        }
        self.instanceURL = origin
        self.http = http
        self.credentials = credentials
        self.options = options
        self.resilience = resilience
        self.deadline = resilience.clock.now.advanced(by: resilience.budget)
        self.authorizationRequired = authorizationRequired
        self.observer = observer
    }

    /// `scheme://authority` when `text` is an http(s) URL without path (a lone `/` is fine), query or fragment.
    static func origin(_ text: String) -> String? {
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        let lowered = url.lowercased()
        let schemeLength: Int
        if lowered.hasPrefix("https://") {
            schemeLength = 8
        } else if lowered.hasPrefix("http://") {
            schemeLength = 7
        } else {
            return nil
        }
        let authority = url.utf8.dropFirst(schemeLength)
        guard !authority.isEmpty,
            !authority.contains(where: {
                $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?")
                    || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "\\")
            })
        else { return nil }
        return url
    }

    // MARK: Single calls

    /// Checks that the user's credentials still give a token (refreshing it if due), without calling the instance:
    /// the read cache asks before it serves a cached answer. A refusal is remembered like any other.
    public func checkCredentials() async throws(ServiceNowError) {
        _ = try await refusal.guarding { () async throws(ServiceNowError) in try await credentials.accessToken() }
    }

    /// Sends one request and returns its successful answer, retrying as ``resilience`` allows.
    public func perform(_ request: UpstreamRequest) async throws(ServiceNowError) -> UpstreamResponse {
        var retry = retryState(for: request.isRead ? .read : .write)
        let raw = try await transmit(request, timeout: options.timeout, retry: &retry)
        let interpreted = ResponseInterpreter.interpret(status: raw.status, headers: raw.headers, body: raw.body)
        if !request.isRead, (200..<300).contains(raw.status), case .failure = interpreted,
            AttemptOutcome.of(status: raw.status, headers: raw.headers, body: raw.body) != .notTheAPI
        {
            // A success status with an unreadable body: the change was probably made, but what it made is unknown.
            // (A web page instead of the API, a hibernating instance, made nothing: its own error says so.)
            throw Self.unconfirmedWrite
        }
        return try interpreted.get()
    }

    /// The error of a write whose fate is unknown: it may have been made. The user must look before trying again,
    /// and the client never tries again by itself (that could make it twice).
    static let unconfirmedWrite = ServiceNowError(
        .unavailable,
        "ServiceNow did not confirm the change; it may have been made. Check before trying again.",
        extensions: ["outcomeUnknown": true]
    )

    // MARK: Batch calls

    /// Sends `requests` as one Batch API call and returns each one's outcome, in order; never throws, because each
    /// item succeeds or fails on its own. A single request is sent as itself (the same one round trip, without
    /// the Base64 overhead).
    ///
    /// Two things make another round, in which only the items concerned are sent again (as a Batch call, or as
    /// itself when one is left):
    /// - items the instance leaves unserviced (its 30 s batch quota), at most ``Options/maxBatchResends`` times and
    ///   only while it makes progress;
    /// - items that failed in a way worth retrying (a 5xx or a 429 of their own), each under its own
    ///   ``RetryState``, after the longest backoff among them.
    ///
    /// The Batch call itself (a POST, but idempotent when every item is a GET) is retried as a read when the whole
    /// call fails. Item failures inside a Batch answer never count for the circuit breaker: the instance answered.
    /// Nor does a 5xx of an item resent alone: one broken list must not fail every user's widget.
    public func batch(_ requests: [UpstreamRequest]) async -> [Result<UpstreamResponse, ServiceNowError>] {
        if requests.count == 1, let only = requests.first {
            do throws(ServiceNowError) {
                return [.success(try await perform(only))]
            } catch {
                return [.failure(error)]
            }
        }
        var results = [Result<UpstreamResponse, ServiceNowError>?](repeating: nil, count: requests.count)
        var retries = requests.map { retryState(for: $0.isRead ? .read : .write) }
        var envelopeRetry = retryState(for: requests.allSatisfy(\.isRead) ? .read : .write)
        var remaining = Array(requests.indices)
        var resends = 0
        rounds: while !remaining.isEmpty {
            if remaining.count == 1, let index = remaining.first {
                do throws(ServiceNowError) {
                    let raw = try await transmit(
                        requests[index],
                        timeout: options.timeout,
                        retry: &retries[index],
                        resentItem: true
                    )
                    results[index] = ResponseInterpreter.interpret(
                        status: raw.status,
                        headers: raw.headers,
                        body: raw.body
                    )
                } catch {
                    results[index] = .failure(error)
                }
                break
            }
            let decoded: BatchCodec.Decoded
            do throws(ServiceNowError) {
                decoded = try await sendBatch(
                    remaining.map { (id: String($0), request: requests[$0]) },
                    retry: &envelopeRetry
                )
            } catch {
                for index in remaining { results[index] = .failure(error) }
                break
            }
            let unserviced = Set(decoded.unserviced)
            let now = resilience.clock.now
            var again: [Int] = []
            var unanswered: [Int] = []
            var wait = Duration.zero
            for index in remaining {
                let id = String(index)
                if let item = decoded.serviced[id] {
                    switch retries[index].next(after: item.outcome, now: now, jitter: jitter(after: item.outcome)) {
                    case .stop:
                        results[index] = item.result
                    case .retry(let delay):
                        observer?.recordUpstreamRetry(
                            endpoint: Self.endpoint(of: requests[index]),
                            reason: item.outcome.reason
                        )
                        again.append(index)
                        wait = max(wait, delay)
                    }
                } else if unserviced.contains(id) {
                    unanswered.append(index)
                } else {
                    results[index] = .failure(
                        ServiceNowError(.unavailable, "ServiceNow's batch answer left out a request.")
                    )
                }
            }
            if !unanswered.isEmpty {
                resends += 1
                // Resend only while the instance makes progress; it may answer none of a batch that is too big.
                if resends > options.maxBatchResends || unanswered.count == remaining.count {
                    for index in unanswered {
                        results[index] = .failure(
                            ServiceNowError(.unavailable, "ServiceNow ran out of time for part of the request.")
                        )
                    }
                } else {
                    again += unanswered
                }
            }
            if !again.isEmpty, wait > .zero {
                do {
                    try await resilience.clock.sleep(for: wait)
                } catch {
                    for index in again { results[index] = .failure(Self.cancelled) }
                    break rounds
                }
            }
            remaining = again.sorted()
        }
        return results.map {
            $0 ?? .failure(ServiceNowError(.unavailable, "ServiceNow did not answer part of the request."))
        }
    }

    private static let batchCounter = Atomic<Int>(0)

    private func sendBatch(
        _ items: [(id: String, request: UpstreamRequest)],
        retry: inout RetryState
    ) async throws(ServiceNowError)
        -> BatchCodec.Decoded
    {
        let number = Self.batchCounter.add(1, ordering: .relaxed).newValue
        let request = UpstreamRequest(
            method: "POST",
            path: BatchCodec.path,
            body: BatchCodec.encode(batchID: "snowgate-\(number)", items: items)
        )
        let raw = try await transmit(request, timeout: options.batchTimeout, retry: &retry)
        let envelope = try ResponseInterpreter.interpret(status: raw.status, headers: raw.headers, body: raw.body)
            .get()
        return try BatchCodec.decode(envelope.body).get()
    }

    // MARK: Transport

    private struct RawResponse {
        var status: Int
        var headers: [UpstreamResponse.Header]
        var body: [UInt8]
    }

    /// A fresh retry state for one call of `kind` under this client's deadline.
    private func retryState(for kind: RetryState.Kind) -> RetryState {
        RetryState(policy: resilience.retry, kind: kind, deadline: deadline)
    }

    /// Sends `request` with the user's token, retrying as `retry` decides; on 401, once more with a refreshed token
    /// (under the same retry state, so the attempts stay bounded).
    ///
    /// An open circuit refuses before the token is even looked at: a dead instance must not cause token refreshes.
    ///
    /// `resentItem`: the request is an item of a Batch call that the instance answered, sent again alone; its 5xx is
    /// that item's failure, as it was inside the Batch answer, and tells the circuit breaker that the instance is up.
    private func transmit(
        _ request: UpstreamRequest,
        timeout: Duration,
        retry: inout RetryState,
        resentItem: Bool = false
    ) async throws(ServiceNowError) -> RawResponse {
        try resilience.breaker?.check()
        let token = try await refusal.guarding { () async throws(ServiceNowError) in try await credentials.accessToken()
        }
        let first = try await attempts(request, token: token, timeout: timeout, retry: &retry, resentItem: resentItem)
        guard first.status == 401 else { return first }
        let refreshed = try await refusal.guarding { () async throws(ServiceNowError) in
            try await credentials.refreshedAccessToken(after: token)
        }
        let second = try await attempts(
            request,
            token: refreshed,
            timeout: timeout,
            retry: &retry,
            resentItem: resentItem
        )
        guard second.status == 401 else { return second }
        let error = await authorizationRequired()
        refusal.remember(error)
        throw error
    }

    /// Attempts until the retry state says stop: each attempt admitted by the circuit breaker, given at most the
    /// time left in the budget, and reported to the breaker.
    private func attempts(
        _ request: UpstreamRequest,
        token: String,
        timeout: Duration,
        retry: inout RetryState,
        resentItem: Bool
    ) async throws(ServiceNowError) -> RawResponse {
        let clock = resilience.clock
        while true {
            let left = deadline - clock.now
            guard left > .zero else {
                throw ServiceNowError(.unavailable, "ServiceNow did not answer in time.")
            }
            // Every attempt, a retry too, is a call the request's upstream budget must allow.
            try observer?.willCallUpstream(endpoint: Self.endpoint(of: request))
            let admission = try resilience.breaker?.admit()
            // A write goes on a connection of its own: see `CurlRequest.freshConnection`.
            let result = await execute(
                request,
                token: token,
                timeout: min(timeout, left),
                freshConnection: retry.kind == .write
            )
            let outcome: AttemptOutcome
            switch result {
            case .success(let raw):
                outcome = AttemptOutcome.of(status: raw.status, headers: raw.headers, body: raw.body)
            case .failure(let error): outcome = AttemptOutcome.of(error)
            }
            if let admission {
                var health = outcome
                if resentItem, case .serverError(let status) = outcome { health = .answered(status: status) }
                resilience.breaker?.record(health, of: admission)
            }
            switch retry.next(after: outcome, now: clock.now, jitter: jitter(after: outcome)) {
            case .stop:
                if retry.kind == .write, outcome == .timedOut || outcome == .connectionClosed {
                    throw Self.unconfirmedWrite
                }
                return try result.mapError(Self.transportError).get()
            case .retry(let delay):
                observer?.recordUpstreamRetry(endpoint: Self.endpoint(of: request), reason: outcome.reason)
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    throw Self.cancelled
                }
            }
        }
    }

    private static let cancelled = ServiceNowError(.unavailable, "The request to ServiceNow was cancelled.")

    /// The jitter for the retry decision after `outcome`: drawn only when the outcome could be retried — an
    /// answered call never is, and each draw of the default source is a getrandom system call (four per render).
    private func jitter(after outcome: AttemptOutcome) -> Double {
        if case .answered = outcome { return 0 }
        return resilience.random()
    }

    /// One HTTP exchange, counted by the observer.
    private func execute(
        _ request: UpstreamRequest,
        token: String,
        timeout: Duration,
        freshConnection: Bool
    ) async -> Result<RawResponse, CurlError> {
        var headers = [
            CurlHeader(name: "Accept", value: "application/json"),
            CurlHeader(name: "Authorization", value: "Bearer " + token),
        ]
        if request.body != nil { headers.append(CurlHeader(name: "Content-Type", value: "application/json")) }
        let curlRequest = CurlRequest(
            method: CurlRequest.Method(rawValue: request.method),
            url: instanceURL + request.relativeURL,
            headers: headers,
            body: request.body,
            timeout: timeout,
            freshConnection: freshConnection
        )
        let response: CurlResponse
        let started = ContinuousClock.now
        do {
            response = try await UpstreamWait.during { () async throws(CurlError) in
                try await http.execute(curlRequest)
            }
        } catch {
            observer?.recordUpstreamCall(
                endpoint: Self.endpoint(of: request),
                outcome: error.code.description,
                duration: ContinuousClock.now - started
            )
            return .failure(error)
        }
        observer?.recordUpstreamCall(
            endpoint: Self.endpoint(of: request),
            outcome: String(response.status),
            duration: ContinuousClock.now - started
        )
        return .success(
            RawResponse(
                status: response.status,
                headers: response.headers.map { UpstreamResponse.Header(name: $0.name, value: $0.value) },
                body: response.body
            )
        )
    }

    /// The API a request calls, for metrics.
    static func endpoint(of request: UpstreamRequest) -> String {
        let url = request.relativeURL
        if url.hasPrefix("/api/now/table/") { return "table" }
        if url.hasPrefix(BatchCodec.path) { return "batch" }
        if url.hasPrefix("/api/sn_sc/") { return "catalog" }
        if url.hasPrefix("/api/sn_km_api/") { return "knowledge" }
        return "other"
    }

    /// What a failed transfer means to the user. libcurl's own message is left out: it names hosts and ports,
    /// which are the operator's business, not the widget user's.
    static func transportError(_ error: CurlError) -> ServiceNowError {
        let message: String
        switch error.code {
        case .timedOut: message = "ServiceNow did not answer in time."
        case .couldNotConnect: message = "ServiceNow could not be reached."
        case .connectionClosed: message = "The connection to ServiceNow closed before it answered."
        case .tlsFailure: message = "The secure connection to ServiceNow failed."
        case .responseTooLarge: message = "ServiceNow's answer was too large."
        case .cancelled: message = "The request to ServiceNow was cancelled."
        default: message = "ServiceNow could not be asked."
        }
        return ServiceNowError(.unavailable, message)
    }
}
