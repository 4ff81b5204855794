import CurlHTTP
import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension GatewayServer {
    /// The user-token verifier the configuration describes: HS256 with `SNOWGATE_AUTH_SECRET` (when set), plus an
    /// RS256/ES256 key from `--jwt-public-key-file` or the keys of `--jwt-jwks-url`, with the `iss` and `aud` checks.
    static func makeVerifier(
        _ configuration: GatewayConfiguration,
        client: CurlClient,
        clock: any WallClock,
        logger: Logger
    ) throws(GatewayConfigurationError) -> JWTVerifier {
        let identity = configuration.security.identity
        do {
            var keys: [JWTVerificationKey] = []
            if !configuration.authSecret.isEmpty {
                keys.append(try .hs256(secret: configuration.authSecret))
            }
            if let path = identity.publicKeyFile {
                keys.append(try .publicKey(pem: try readPEM(path)))
            }
            let keySet = try identity.jwksURL.map { (url: String) throws(IdentityConfigurationError) in
                try JWKSKeySet(url: url, client: client, clock: clock, policy: identity.jwksPolicy, logger: logger)
            }
            return try JWTVerifier(
                keys: keys,
                keySet: keySet,
                clock: clock,
                issuer: identity.issuer,
                audience: identity.audience
            )
        } catch {
            throw GatewayConfigurationError(error.message)
        }
    }

    /// The text of a public key file (at most 64 KiB).
    private static func readPEM(_ path: String) throws(IdentityConfigurationError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw IdentityConfigurationError(
                "--jwt-public-key-file (SNOWGATE_JWT_PUBLIC_KEY_FILE): cannot read \(path)"
            )
        }
        guard data.count <= 64 << 10, let text = String(validating: Array(data), as: UTF8.self) else {
            throw IdentityConfigurationError(
                "--jwt-public-key-file (SNOWGATE_JWT_PUBLIC_KEY_FILE): \(path) is not a PEM text file"
            )
        }
        return text
    }
}

extension GatewayConfiguration {
    /// The addresses a ServiceNow instance may have: loopback with `--allow-http-loopback-instance`, private ones
    /// with `--allow-private-instance`.
    public var instanceAddressPolicy: InstanceAddressPolicy {
        InstanceAddressPolicy(allowLoopback: allowHTTPLoopbackInstance, allowPrivate: security.allowPrivateInstance)
    }
}
