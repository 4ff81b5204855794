#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A token row as a store holds it, its secrets sealed for the subject; both backends read and write this shape,
/// and open it off their database thread.
struct SealedTokens: Sendable {
    var subject: String
    var accessToken: [UInt8]
    var accessTokenExpiresAt: Int64
    var refreshToken: [UInt8]?
    var refreshTokenExpiresAt: Int64?
    var scope: String?
    var connectedAt: Int64
    var configurationVersion: Int64
    var profile: UserProfile

    /// The tokens, opened for `subject`: the purposes name the subject asked for, so a row whose ciphertexts were
    /// copied from another user's row does not open.
    func open(with secretBox: SecretBox, subject: String) throws -> UserTokens {
        UserTokens(
            subject: self.subject,
            accessToken: try secretBox.openString(accessToken, purpose: .accessToken(subject: subject)),
            accessTokenExpiresAt: Date(millisecondsSince1970: accessTokenExpiresAt),
            refreshToken: try refreshToken.map { sealedRefresh in
                try secretBox.openString(sealedRefresh, purpose: .refreshToken(subject: subject))
            },
            refreshTokenExpiresAt: refreshTokenExpiresAt.map(Date.init(millisecondsSince1970:)),
            scope: scope,
            connectedAt: Date(millisecondsSince1970: connectedAt),
            configurationVersion: configurationVersion,
            profile: profile
        )
    }

    /// The access and refresh tokens of `tokens`, sealed for their subject.
    static func seal(
        _ tokens: UserTokens,
        with secretBox: SecretBox
    ) throws -> (accessToken: [UInt8], refreshToken: [UInt8]?) {
        let subject = tokens.subject
        let access = try secretBox.seal(tokens.accessToken, purpose: .accessToken(subject: subject))
        let refresh = try tokens.refreshToken.map { token in
            try secretBox.seal(token, purpose: .refreshToken(subject: subject))
        }
        return (access, refresh)
    }
}
