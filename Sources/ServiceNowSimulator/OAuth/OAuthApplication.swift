/// An entry of the instance's OAuth application registry (`oauth_entity`): a client that may ask users for
/// tokens.
public struct OAuthApplication: Sendable, Hashable {
    /// The client id.
    public var clientID: String
    /// The client secret; empty for a public client (which proves itself with PKCE instead).
    public var clientSecret: String
    /// The registered redirect URLs. A request whose `redirect_uri` matches none of them is sent to the first
    /// one, as the instance does (§4.2).
    public var redirectURLs: [String]
    /// How long an access token lives (default 1800 s).
    public var accessTokenLifespan: Duration
    /// How long a refresh token lives (default 8,640,000 s, 100 days).
    public var refreshTokenLifespan: Duration
    /// The name shown on the consent page.
    public var name: String

    /// A registry entry with the instance's default lifespans.
    public init(
        clientID: String,
        clientSecret: String,
        redirectURLs: [String],
        accessTokenLifespan: Duration = .seconds(1800),
        refreshTokenLifespan: Duration = .seconds(8_640_000),
        name: String? = nil
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURLs = redirectURLs
        self.accessTokenLifespan = accessTokenLifespan
        self.refreshTokenLifespan = refreshTokenLifespan
        self.name = name ?? clientID
    }

    /// Whether the client is public (no secret).
    public var isPublic: Bool { clientSecret.isEmpty }
}
