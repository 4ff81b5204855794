import ArgumentParser

/// `snowgate serve`: Run the gateway.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the gateway.")

    func run() async throws {
        // Not built yet: failing loudly is better than pretending.
        throw ValidationError("snowgate serve is not supported yet")
    }
}
