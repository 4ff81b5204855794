/// A simulator that is listening, as `ServiceNowSimulator.withRunning` hands it to its closure.
public struct RunningSimulator: Sendable {
    /// `http://127.0.0.1:PORT`: prefix every API path with it.
    public let baseURL: String
    /// The control handle: request log, faults, tokens, clients, authorize-as-user, data.
    public let control: SimulatorControl
    /// The data it started with.
    public let seed: SimulatorSeed

    /// The bound port.
    public var port: Int {
        Int(baseURL.split(separator: ":").last ?? "") ?? 0
    }
}
