/// Why a request's identity was refused.
///
/// `reason` and `detail` are for the server log (never the token itself); what the client sees is uniform —
/// `publicMessage` with `extensions.code` `UNAUTHENTICATED` — so a prober learns nothing about which check failed.
public struct AuthenticationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which check failed.
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// No `Authorization` header.
        public static let missingToken = Reason("missingToken")
        /// An `Authorization` header that is not `Bearer <token>`.
        public static let malformedAuthorizationHeader = Reason("malformedAuthorizationHeader")
        /// Longer than the verifier accepts.
        public static let tokenTooLarge = Reason("tokenTooLarge")
        /// Not three base64url segments of JSON objects.
        public static let malformedToken = Reason("malformedToken")
        /// An `alg` other than the key's (including `none`), or a `crit` header this verifier cannot honour.
        public static let unsupportedAlgorithm = Reason("unsupportedAlgorithm")
        /// No key of the issuer's key set (JWKS) matches the token's `kid` and `alg`, or the set cannot be fetched.
        public static let unknownKey = Reason("unknownKey")
        /// The signature does not verify.
        public static let invalidSignature = Reason("invalidSignature")
        /// A required claim is absent.
        public static let missingClaim = Reason("missingClaim")
        /// A claim has the wrong type or an unacceptable value.
        public static let invalidClaim = Reason("invalidClaim")
        /// `exp` has passed (beyond the leeway).
        public static let expired = Reason("expired")
        /// `nbf` is in the future (beyond the leeway).
        public static let notYetValid = Reason("notYetValid")
        /// `iat` is in the future (beyond the leeway).
        public static let issuedInFuture = Reason("issuedInFuture")
        /// `iss` is not the expected issuer.
        public static let wrongIssuer = Reason("wrongIssuer")
        /// `aud` does not include the expected audience.
        public static let wrongAudience = Reason("wrongAudience")
    }

    /// Which check failed.
    public var reason: Reason
    /// Details for the log; never contains the token.
    public var detail: String

    /// The GraphQL `extensions.code` of every authentication failure.
    public static let code = "UNAUTHENTICATED"
    /// The message clients see, whatever the reason.
    public static let publicMessage = "Authentication required: the request needs a valid bearer token"

    /// Creates an error.
    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// The GraphQL `extensions.code`: always `UNAUTHENTICATED`.
    public var code: String { Self.code }
    /// The message clients see: always the same.
    public var publicMessage: String { Self.publicMessage }

    public var description: String { "Authentication refused (\(reason)): \(detail)" }
}
