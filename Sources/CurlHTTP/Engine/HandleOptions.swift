import CCurl

/// The options that are the same for every transfer of a client, computed once from its configuration.
struct HandleOptions: Sendable {
    let connectTimeoutMilliseconds: Int
    let caBundlePath: String?
    /// The proxy URL, or "" for none.
    let proxy: String
    let userAgent: String
    let httpVersion: Int
    let followRedirects: Bool
    let maxRedirects: Int
    let maxResponseBodyBytes: Int
    let maxResponseHeaderBytes: Int
    let acceptCompressedResponses: Bool
    let maxIdleConnectionAgeSeconds: Int
    let connectAddressFilter: (@Sendable (CurlSocketAddress) -> Bool)?

    init(_ configuration: CurlClient.Configuration) {
        connectTimeoutMilliseconds = configuration.connectTimeout.roundedUpMilliseconds
        caBundlePath = configuration.caBundlePath
        proxy = configuration.proxyURL ?? ""
        userAgent = configuration.userAgent
        httpVersion = Int(
            configuration.enableHTTP2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1
        )
        followRedirects = configuration.followRedirects
        maxRedirects = configuration.maxRedirects
        maxResponseBodyBytes = configuration.maxResponseBodyBytes
        maxResponseHeaderBytes = configuration.maxResponseHeaderBytes
        acceptCompressedResponses = configuration.acceptCompressedResponses
        maxIdleConnectionAgeSeconds = max(1, configuration.maxIdleConnectionAge.roundedUpMilliseconds / 1000)
        connectAddressFilter = configuration.connectAddressFilter
    }
}
