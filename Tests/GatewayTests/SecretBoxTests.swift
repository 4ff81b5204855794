import Testing

@testable import Gateway

@Suite struct SecretBoxTests {
    private let box = SecretBox(key: .generate())

    @Test func roundTripsAndNeverRepeatsACiphertext() throws {
        let first = try box.seal("the client secret", purpose: .clientSecret)
        let second = try box.seal("the client secret", purpose: .clientSecret)
        #expect(first != second)  // random nonces
        #expect(first.first == 1)  // the format version
        #expect(first.count == 1 + 12 + "the client secret".utf8.count + 16)
        #expect(try box.openString(first, purpose: .clientSecret) == "the client secret")
        #expect(try box.openString(second, purpose: .clientSecret) == "the client secret")
        #expect(try box.open(try box.seal([], purpose: .clientSecret), purpose: .clientSecret) == [])
    }

    @Test func aCiphertextOpensOnlyForItsPurposeAndOwner() throws {
        let sealed = try box.seal("token", purpose: .accessToken(subject: "alice"))
        for other: SecretPurpose in [
            .accessToken(subject: "bob"), .accessToken(subject: "alice "), .refreshToken(subject: "alice"),
            .clientSecret,
        ] {
            let error = #expect(throws: EncryptionError.self) { try box.open(sealed, purpose: other) }
            #expect(error?.code == .authenticationFailed)
            // Messages name the kind of secret, never the owner or the value.
            #expect(error?.message.contains("alice") == false)
        }
    }

    @Test func anotherKeyCannotOpen() throws {
        let sealed = try box.seal("secret", purpose: .clientSecret)
        let error = #expect(throws: EncryptionError.self) {
            try SecretBox(key: .generate()).open(sealed, purpose: .clientSecret)
        }
        #expect(error?.code == .authenticationFailed)
    }

    @Test func everyAlteredByteIsDetected() throws {
        let sealed = try box.seal("secret", purpose: .clientSecret)
        for index in 1..<sealed.count {
            var altered = sealed
            altered[index] ^= 0x01
            #expect(throws: EncryptionError.self) { try box.open(altered, purpose: .clientSecret) }
        }
    }

    @Test func unknownVersionsAndShortInputsAreRefusedClearly() throws {
        var sealed = try box.seal("secret", purpose: .clientSecret)
        sealed[0] = 2
        #expect(
            (#expect(throws: EncryptionError.self) { try box.open(sealed, purpose: .clientSecret) })?.code
                == .unsupportedVersion
        )
        #expect(
            (#expect(throws: EncryptionError.self) { try box.open([], purpose: .clientSecret) })?.code
                == .malformedCiphertext
        )
        #expect(
            (#expect(throws: EncryptionError.self) { try box.open([1, 2, 3], purpose: .clientSecret) })?.code
                == .malformedCiphertext
        )
    }
}
