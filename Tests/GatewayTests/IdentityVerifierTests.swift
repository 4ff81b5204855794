import Foundation
import Testing

@testable import Gateway

@Suite struct IdentityVerifierTests {
    private static let secret = "an intranet secret of at least 32 bytes!"

    private func verifier() throws -> JWTVerifier {
        try JWTVerifier(
            key: .hs256(secret: Self.secret),
            clock: ManualClock(Date(timeIntervalSince1970: 1_750_000_000))
        )
    }

    private func token() throws -> String {
        try JWTSigner(secret: Self.secret).sign(
            subject: "user-1",
            issuedAt: Date(timeIntervalSince1970: 1_750_000_000),
            expiresAt: Date(timeIntervalSince1970: 1_750_000_600)
        )
    }

    @Test func acceptsTheBearerSchemeInAnyCase() async throws {
        let token = try token()
        for header in ["Bearer \(token)", "bearer \(token)", "BEARER  \(token)", " Bearer \(token) "] {
            #expect(try await verifier().verify(authorizationHeader: header).subject == "user-1")
        }
    }

    @Test func theTokenIsExactlyWhatFollowsTheScheme() throws {
        #expect(try BearerToken.extract(from: "Bearer abc") == "abc")
        #expect(try BearerToken.extract(from: "  bEaReR    a.b-c_~+/9==  ") == "a.b-c_~+/9==")
        #expect(throws: AuthenticationError.self) { try BearerToken.extract(from: "Bearer abc =") }
    }

    @Test func aMissingHeaderIsMissingToken() async throws {
        let error = await #expect(throws: AuthenticationError.self) {
            try await verifier().verify(authorizationHeader: nil)
        }
        #expect(error?.reason == .missingToken)
    }

    @Test func otherSchemesAndJunkAreMalformedHeaders() async throws {
        let token = try token()
        for header in [
            "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer\(token)", "Bearer \(token) extra",
            "Bearer \(token),x", "Token \(token)", "Bearer =abc", "Bearer ab=c", "Bearer a==b", "   ", "Bearér abc",
            "Bearex \(token)", "Bearer \u{0}abc", "Bearer abc\u{1}",
        ] {
            let error = await #expect(throws: AuthenticationError.self) {
                try await verifier().verify(authorizationHeader: header)
            }
            #expect(error?.reason == .malformedAuthorizationHeader, "\(header)")
        }
    }
}
