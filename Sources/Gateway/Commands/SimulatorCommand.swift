import ArgumentParser

/// `snowgate simulator`: Run the ServiceNow simulator.
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulator", abstract: "Run the ServiceNow simulator.")

    func run() async throws {
        // Not built yet: failing loudly is better than pretending.
        throw ValidationError("snowgate simulator is not supported yet")
    }
}
