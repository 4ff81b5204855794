/// How user tokens are verified besides the HS256 shared secret: an RSA or P-256 public key in a PEM file, or the
/// keys an identity provider publishes at a JWKS URL; and the `iss` and `aud` every token must carry.
public struct IdentitySettings: Sendable, Hashable {
    /// The identity provider's JWKS URL (`--jwt-jwks-url`), e.g.
    /// `https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys`.
    public var jwksURL: String?
    /// A PEM file with the RSA (RS256) or P-256 (ES256) public key tokens are signed with (`--jwt-public-key-file`).
    public var publicKeyFile: String?
    /// The `iss` every token must carry (`--jwt-issuer`); when set, a token without it is refused.
    public var issuer: String?
    /// The `aud` every token must include (`--jwt-audience`); when set, a token without it is refused.
    public var audience: String?
    /// How the JWKS is cached and refreshed.
    public var jwksPolicy = JWKSKeySet.Policy()

    /// The defaults: HS256 only, any issuer and audience.
    public init() {}

    /// Whether a public-key source (JWKS or PEM) is configured.
    public var hasPublicKeySource: Bool { jwksURL != nil || publicKeyFile != nil }

    /// Checks the values.
    public func validate() throws(GatewayConfigurationError) {
        if jwksURL != nil, publicKeyFile != nil {
            throw GatewayConfigurationError(
                "--jwt-jwks-url (SNOWGATE_JWT_JWKS_URL) and --jwt-public-key-file (SNOWGATE_JWT_PUBLIC_KEY_FILE) "
                    + "cannot both be set: choose the identity provider's JWKS URL or its public key"
            )
        }
        if let jwksURL, !JWKSKeySet.isAcceptableURL(jwksURL) {
            throw GatewayConfigurationError(
                "--jwt-jwks-url (SNOWGATE_JWT_JWKS_URL) must be an https:// URL (http:// only on a loopback address)"
            )
        }
        if let publicKeyFile, publicKeyFile.isEmpty || publicKeyFile.utf8.contains(0) {
            throw GatewayConfigurationError("--jwt-public-key-file (SNOWGATE_JWT_PUBLIC_KEY_FILE) must be a file path")
        }
        if let issuer, issuer.isEmpty || issuer.utf8.count > 1024 {
            throw GatewayConfigurationError("--jwt-issuer (SNOWGATE_JWT_ISSUER) must be 1 to 1024 bytes")
        }
        if let audience, audience.isEmpty || audience.utf8.count > 1024 {
            throw GatewayConfigurationError("--jwt-audience (SNOWGATE_JWT_AUDIENCE) must be 1 to 1024 bytes")
        }
    }
}
