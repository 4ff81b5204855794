import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Seals and opens secrets at rest with AES-256-GCM under the data key, each bound to its purpose and owner.
///
/// Format, version 1: `0x01 ‖ nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)`. The associated data is the version
/// byte followed by the purpose's UTF-8 text, so neither the version nor the purpose can be changed without the
/// tag failing. Nonces are random: with 96-bit random nonces one key is good for 2³² seals, far beyond what a
/// gateway writes. The leading version byte lets a later version add a key identifier for rotation while still
/// opening version 1.
public struct SecretBox: Sendable {
    private let key: DataKey

    /// The format version this build writes.
    static let currentVersion: UInt8 = 1
    private static let nonceByteCount = 12
    private static let tagByteCount = 16

    /// A box over one data key.
    public init(key: DataKey) {
        self.key = key
    }

    /// Encrypts `plaintext` for `purpose`.
    public func seal(_ plaintext: [UInt8], purpose: SecretPurpose) throws(EncryptionError) -> [UInt8] {
        let version = Self.currentVersion
        do {
            let box = try AES.GCM.seal(
                plaintext,
                using: key.key,
                nonce: AES.GCM.Nonce(),
                authenticating: Self.associatedData(version: version, purpose: purpose)
            )
            var output: [UInt8] = [version]
            output.reserveCapacity(1 + Self.nonceByteCount + plaintext.count + Self.tagByteCount)
            output.append(contentsOf: box.nonce)
            output.append(contentsOf: box.ciphertext)
            output.append(contentsOf: box.tag)
            return output
        } catch {
            throw EncryptionError(code: .sealFailed, message: "Encryption failed for \(purpose.kind)")
        }
    }

    /// Encrypts a string's UTF-8 bytes for `purpose`.
    public func seal(_ plaintext: String, purpose: SecretPurpose) throws(EncryptionError) -> [UInt8] {
        try seal(Array(plaintext.utf8), purpose: purpose)
    }

    /// Decrypts a ciphertext sealed for `purpose`; fails if it was sealed for anything else or altered.
    public func open(_ sealed: [UInt8], purpose: SecretPurpose) throws(EncryptionError) -> [UInt8] {
        guard let version = sealed.first else {
            throw EncryptionError(code: .malformedCiphertext, message: "An empty ciphertext for \(purpose.kind)")
        }
        guard version == Self.currentVersion else {
            throw EncryptionError(
                code: .unsupportedVersion,
                message: "A ciphertext for \(purpose.kind) has format version \(version), which this build cannot read"
            )
        }
        guard sealed.count >= 1 + Self.nonceByteCount + Self.tagByteCount else {
            throw EncryptionError(code: .malformedCiphertext, message: "A ciphertext for \(purpose.kind) is too short")
        }
        let nonceEnd = 1 + Self.nonceByteCount
        let tagStart = sealed.count - Self.tagByteCount
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: sealed[1..<nonceEnd]),
                ciphertext: sealed[nonceEnd..<tagStart],
                tag: sealed[tagStart...]
            )
            let plaintext = try AES.GCM.open(
                box,
                using: key.key,
                authenticating: Self.associatedData(version: version, purpose: purpose)
            )
            return Array(plaintext)
        } catch {
            throw EncryptionError(
                code: .authenticationFailed,
                message: "A ciphertext for \(purpose.kind) does not open with this data key and owner: the key "
                    + "changed, the value was moved from another row, or it was altered"
            )
        }
    }

    /// Decrypts a ciphertext sealed for `purpose` whose plaintext is UTF-8 text.
    public func openString(_ sealed: [UInt8], purpose: SecretPurpose) throws(EncryptionError) -> String {
        let bytes = try open(sealed, purpose: purpose)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw EncryptionError(code: .malformedCiphertext, message: "A secret for \(purpose.kind) is not UTF-8")
        }
        return text
    }

    private static func associatedData(version: UInt8, purpose: SecretPurpose) -> [UInt8] {
        [version] + Array(purpose.rawValue.utf8)
    }
}
