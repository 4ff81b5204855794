/// A failure of encryption at rest: a data key that cannot be used, or a ciphertext that does not open.
///
/// Messages name the setting or file to fix and never contain key material or plaintext.
public struct EncryptionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// `SNOWGATE_DATA_KEY` is set but is not the base64 of exactly 32 bytes.
        public static let invalidEnvironmentKey = Code("invalidEnvironmentKey")
        /// `SNOWGATE_DATA_KEY` is not set, and the database is shared by replicas, so no key file can stand in.
        public static let missingEnvironmentKey = Code("missingEnvironmentKey")
        /// The key file is readable by others than its owner, or is not a regular file.
        public static let insecureKeyFile = Code("insecureKeyFile")
        /// The key file does not hold the base64 of exactly 32 bytes.
        public static let invalidKeyFile = Code("invalidKeyFile")
        /// The key file cannot be read or created.
        public static let keyFileIO = Code("keyFileIO")
        /// A ciphertext has a format version this build does not know.
        public static let unsupportedVersion = Code("unsupportedVersion")
        /// A ciphertext is too short or otherwise not one of ours.
        public static let malformedCiphertext = Code("malformedCiphertext")
        /// A ciphertext does not open with this key and purpose: another key, another owner's row, or tampering.
        public static let authenticationFailed = Code("authenticationFailed")
        /// Encryption itself failed (the system's random source or the cipher).
        public static let sealFailed = Code("sealFailed")
    }

    /// What went wrong.
    public var code: Code
    /// A message for the operator's log.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }
}
