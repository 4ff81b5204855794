public import ArgumentParser

/// The `snowgate` executable: the gateway, its demo, the ServiceNow simulator and the document checker.
public struct SnowgateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "snowgate",
        abstract: "A GraphQL gateway that puts ServiceNow behind one typed schema.",
        subcommands: [ServeCommand.self, DemoCommand.self, SimulatorCommand.self, CheckCommand.self]
    )

    public init() {}
}
