import ArgumentParser

/// `snowgate check`: Validate GraphQL documents against the schema.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate GraphQL documents against the schema.")

    func run() async throws {
        // Not built yet: failing loudly is better than pretending.
        throw ValidationError("snowgate check is not supported yet")
    }
}
