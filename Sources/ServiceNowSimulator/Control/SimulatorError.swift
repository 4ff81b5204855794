/// A control operation the simulator cannot carry out (unknown user, unknown client, bad authorize URL).
public struct SimulatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public var description: String { name }
        /// No user has that user name.
        public static let unknownUser = Code(name: "unknownUser")
        /// No OAuth application has that client id.
        public static let unknownClient = Code(name: "unknownClient")
        /// The authorize request was refused (the message is the instance's page text).
        public static let authorizationRefused = Code(name: "authorizationRefused")
        /// The server could not be started.
        public static let startFailed = Code(name: "startFailed")
    }

    /// The kind of failure.
    public var code: Code
    /// A readable explanation.
    public var message: String

    public var description: String { "\(code): \(message)" }
}
