import Gateway

/// Entry point: `SnowgateCommand` lives in a library module, where `@main` cannot be placed.
@main
enum Snowgate {
    static func main() async {
        await SnowgateCommand.runFromCommandLine()
    }
}
