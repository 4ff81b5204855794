public import ArgumentParser

/// The `snowgate` executable: the gateway, its demo, the ServiceNow simulator and the document checker.
public struct SnowgateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "snowgate",
        abstract: "A GraphQL gateway that puts ServiceNow behind one typed schema.",
        subcommands: [ServeCommand.self, DemoCommand.self, SimulatorCommand.self, CheckCommand.self]
    )

    public init() {}

    /// Parses the process's arguments and runs the chosen command; exits the process on an error. The entry point
    /// of the `snowgate` executable (and of the Benchmarks package's build of it for valgrind), spelled out as
    /// `AsyncParsableCommand.main()` does, because `@main` cannot be placed in a library module.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
