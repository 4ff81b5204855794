import ArgumentParser

/// `snowgate demo`: Run the simulator and the gateway together, ready to try.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Run the simulator and the gateway together, ready to try.")

    func run() async throws {
        // Not built yet: failing loudly is better than pretending.
        throw ValidationError("snowgate demo is not supported yet")
    }
}
