/// The simulator's front door, independent of the HTTP server: control API, request log, faults, latency,
/// OAuth endpoints, authentication, content negotiation, the transaction pool, and the REST APIs.
struct RequestHandler: Sendable {
    let instance: Instance

    func handle(_ request: APIRequest, baseURL: String) async -> APIResponse {
        if request.path == "/_simulator" || request.path.hasPrefix("/_simulator/") {
            // Off unless enabled; then these paths are unknown like any other.
            guard instance.configuration.controlEndpoints else { return .unknownResource }
            return ControlAPI(control: SimulatorControl(instance: instance)).handle(request)
        }
        let credential = APIRouter.Credential(request)
        var batchItems: [LoggedRequest.BatchItem] = []
        if request.method == "POST", request.path == "/api/now/v1/batch", let (_, items) = BatchAPI.parse(request.body)
        {
            batchItems = items.map { LoggedRequest.BatchItem(id: $0.id, method: $0.method, url: $0.url) }
        }
        let response = await process(request, credential: credential, baseURL: baseURL)
        instance.requestLog.append(
            LoggedRequest(
                sequence: 0,
                method: request.method,
                path: request.path,
                query: request.rawQuery,
                accessToken: credential?.accessToken,
                basicUser: credential?.basicUser,
                batchItems: batchItems,
                status: response.dropConnection ? nil : response.status
            )
        )
        return response
    }

    private func process(_ request: APIRequest, credential: APIRouter.Credential?, baseURL: String) async -> APIResponse
    {
        let clock = instance.clock
        let latency = instance.configuration.latency
        if latency.roundTrip > .zero { try? await clock.sleep(for: latency.roundTrip) }
        if let fault = instance.faults.take(path: request.path) {
            if let response = FaultInjector.response(for: fault, now: clock.now) { return response }
            let handled = await route(request, credential: credential, baseURL: baseURL)
            return await FaultInjector.alter(handled, by: fault)
        }
        return await route(request, credential: credential, baseURL: baseURL)
    }

    /// Everything after the faults: OAuth endpoints, authentication, content negotiation, the transaction pool, the
    /// REST APIs.
    private func route(_ request: APIRequest, credential: APIRouter.Credential?, baseURL: String) async -> APIResponse {
        let clock = instance.clock
        let latency = instance.configuration.latency
        if let response = OAuthRoutes(instance: instance).handle(request) { return response }
        guard request.path.hasPrefix("/api/") else { return .unknownResource }
        let router = APIRouter(instance: instance)
        guard let caller = router.authenticate(credential) else { return .notAuthenticated }
        if let problem = negotiate(request) { return problem }
        guard (try? await instance.transactions.acquire()) == true else {
            // The semaphore queue is full: 429 without any rate-limit headers (§3.3). [INF] the message.
            return .error(
                429,
                "Too Many Requests",
                detail: "The maximum number of concurrent API transactions has been reached"
            )
        }
        // A Batch call's items are transactions of their own, timed inside the Batch API.
        let isBatch = request.path.hasPrefix("/api/now/v1/batch")
        if !isBatch, latency.transaction > .zero { try? await clock.sleep(for: latency.transaction) }
        let response = await router.route(request, caller: caller, baseURL: baseURL, inBatch: false)
        instance.transactions.release()
        return response
    }

    /// Every REST request needs an `Accept` that allows JSON (§1): 400 without one, 406 for other types.
    /// [INF] the messages.
    private func negotiate(_ request: APIRequest) -> APIResponse? {
        guard let accept = request.header("Accept"), !accept.trimmingCharacters().isEmpty else {
            return .error(400, "Accept header is missing", detail: "Requests must send Accept: application/json")
        }
        let acceptable = accept.split(separator: ",").contains { part in
            let type = part.split(separator: ";").first.map { String($0.trimmingSpaces()).lowercased() } ?? ""
            return type == "application/json" || type == "application/*" || type == "*/*"
                || (request.path == "/api/now/v1/batch" && type == "multipart/mixed")
        }
        guard acceptable else {
            return .error(406, "Not Acceptable", detail: "Accept type \(accept) is not supported; use application/json")
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        String(Substring(self).trimmingSpaces())
    }
}
