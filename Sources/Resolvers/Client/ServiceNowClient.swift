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
    ///   - observer: told about every call, for metrics.
    /// - Throws: `SERVICENOW_NOT_CONFIGURED` when `instanceURL` is not an `http`/`https` origin.
    public init(
        instanceURL: String,
        http: CurlClient,
        credentials: any UserCredentials,
        options: Options = Options(),
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

    /// Sends one request and returns its successful answer.
    public func perform(_ request: UpstreamRequest) async throws(ServiceNowError) -> UpstreamResponse {
        let raw = try await transmit(request, timeout: options.timeout)
        return try ResponseInterpreter.interpret(status: raw.status, headers: raw.headers, body: raw.body).get()
    }

    // MARK: Batch calls

    /// Sends `requests` as one Batch API call and returns each one's outcome, in order; never throws, because each
    /// item succeeds or fails on its own. A single request is sent as itself (the same one round trip, without
    /// the Base64 overhead). Items the instance leaves unserviced are sent again in another Batch call, at most
    /// ``Options/maxBatchResends`` times.
    public func batch(_ requests: [UpstreamRequest]) async -> [Result<UpstreamResponse, ServiceNowError>] {
        var results = [Result<UpstreamResponse, ServiceNowError>?](repeating: nil, count: requests.count)
        var remaining = Array(requests.indices)
        var attempts = 0
        while !remaining.isEmpty {
            if remaining.count == 1, let index = remaining.first {
                do throws(ServiceNowError) {
                    results[index] = .success(try await perform(requests[index]))
                } catch {
                    results[index] = .failure(error)
                }
                break
            }
            let decoded: BatchCodec.Decoded
            do throws(ServiceNowError) {
                decoded = try await sendBatch(remaining.map { (id: String($0), request: requests[$0]) })
            } catch {
                for index in remaining { results[index] = .failure(error) }
                break
            }
            let unserviced = Set(decoded.unserviced)
            var next: [Int] = []
            for index in remaining {
                let id = String(index)
                if let outcome = decoded.serviced[id] {
                    results[index] = outcome
                } else if unserviced.contains(id) {
                    next.append(index)
                } else {
                    results[index] = .failure(
                        ServiceNowError(.unavailable, "ServiceNow's batch answer left out a request.")
                    )
                }
            }
            attempts += 1
            // Resend only while the instance makes progress; it may answer none of a batch that is too big.
            if !next.isEmpty, attempts > options.maxBatchResends || next.count == remaining.count {
                for index in next {
                    results[index] = .failure(
                        ServiceNowError(.unavailable, "ServiceNow ran out of time for part of the request.")
                    )
                }
                break
            }
            remaining = next
        }
        return results.map {
            $0 ?? .failure(ServiceNowError(.unavailable, "ServiceNow did not answer part of the request."))
        }
    }

    private static let batchCounter = Atomic<Int>(0)

    private func sendBatch(
        _ items: [(id: String, request: UpstreamRequest)]
    ) async throws(ServiceNowError)
        -> BatchCodec.Decoded
    {
        let number = Self.batchCounter.add(1, ordering: .relaxed).newValue
        let request = UpstreamRequest(
            method: "POST",
            path: BatchCodec.path,
            body: BatchCodec.encode(batchID: "snowgate-\(number)", items: items)
        )
        let raw = try await transmit(request, timeout: options.batchTimeout)
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

    /// Sends `request` with the user's token; on 401, once more with a refreshed one.
    private func transmit(_ request: UpstreamRequest, timeout: Duration) async throws(ServiceNowError) -> RawResponse {
        let token = try await refusal.guarding { () async throws(ServiceNowError) in try await credentials.accessToken()
        }
        let first = try await execute(request, token: token, timeout: timeout)
        guard first.status == 401 else { return first }
        let refreshed = try await refusal.guarding { () async throws(ServiceNowError) in
            try await credentials.refreshedAccessToken(after: token)
        }
        let second = try await execute(request, token: refreshed, timeout: timeout)
        guard second.status == 401 else { return second }
        let error = await authorizationRequired()
        refusal.remember(error)
        throw error
    }

    private func execute(
        _ request: UpstreamRequest,
        token: String,
        timeout: Duration
    ) async throws(ServiceNowError)
        -> RawResponse
    {
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
            timeout: timeout
        )
        let response: CurlResponse
        let started = ContinuousClock.now
        do {
            response = try await http.execute(curlRequest)
        } catch {
            observer?.recordUpstreamCall(
                endpoint: Self.endpoint(of: request),
                outcome: error.code.description,
                duration: ContinuousClock.now - started
            )
            throw Self.transportError(error)
        }
        observer?.recordUpstreamCall(
            endpoint: Self.endpoint(of: request),
            outcome: String(response.status),
            duration: ContinuousClock.now - started
        )
        return RawResponse(
            status: response.status,
            headers: response.headers.map { UpstreamResponse.Header(name: $0.name, value: $0.value) },
            body: response.body
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
