import ArgumentParser
import Gateway

/// Entry point. The dispatch is spelled out (as ArgumentParser's own `AsyncParsableCommand.main()` does) because
/// `SnowgateCommand` lives in a library module, where `@main` cannot be placed.
@main
enum Snowgate {
    static func main() async {
        do {
            var command = try SnowgateCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            SnowgateCommand.exit(withError: error)
        }
    }
}
