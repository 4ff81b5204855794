import CCurl

/// libcurl's process-wide initialisation, done exactly once.
///
/// `curl_global_init` must run before any other libcurl call and must not race with itself. A `static let` is
/// initialised lazily through `swift_once`, which is thread-safe and runs the initialiser exactly once, so every
/// client constructor can simply ask for it. libcurl is never globally cleaned up: other clients (and other libraries
/// linking libcurl) may live until the process exits.
enum CurlGlobal {
    private static let initialization: UInt32 = curl_global_init(CCURL_GLOBAL_ALL).rawValue

    /// Initialises libcurl on first use; throws if that failed (then no client can work).
    static func initialize() throws(CurlError) {
        let code = initialization
        guard code == CURLE_OK.rawValue else {
            throw CurlError(
                code: .invalidConfiguration,
                curlCode: Int(code),
                message: "curl_global_init failed: \(curlErrorText(code))"
            )
        }
    }
}

/// libcurl's fixed text for a `CURLcode` raw value.
func curlErrorText(_ code: UInt32) -> String {
    guard let text = curl_easy_strerror(CURLcode(rawValue: code)) else { return "unknown error \(code)" }
    return String(cString: text)
}
