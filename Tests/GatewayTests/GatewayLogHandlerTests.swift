import Foundation
import Logging
import Synchronization
import Testing

@testable import Gateway

/// The gateway's log handler writes what swift-log's `StreamLogHandler` writes: the same line after the timestamp,
/// and the timestamp in its format.
@Suite struct GatewayLogHandlerTests {
    /// A `TextOutputStream` that keeps what `StreamLogHandler` writes.
    final class Collected: TextOutputStream, @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func write(_ string: String) { lock.withLock { text += string } }
        var value: String { lock.withLock { text } }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "the database is locked" }
    }

    /// Reads everything written to a pipe's write end, once `body` has run and the end is closed.
    static func captured(_ body: (Int32) -> Void) throws -> String {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(.EIO) }
        body(ends[1])
        close(ends[1])
        let reader = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
        return String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
    }

    /// The line without its leading timestamp.
    static func afterTimestamp(_ line: Substring) -> Substring {
        line.drop { $0 != " " }.dropFirst()
    }

    @Test func linesMatchStreamLogHandlerAfterTheTimestamp() throws {
        let reference = Collected()
        var expected = Logger(label: "snowgate") {
            StreamLogHandler(label: $0, stream: reference, metadataProvider: nil)
        }
        expected[metadataKey: "request_id"] = "abc"
        let text = try Self.captured { descriptor in
            var logger = Logger(label: "snowgate") {
                GatewayLogHandler(label: $0, output: LogOutput(descriptor: descriptor), metadataProvider: nil)
            }
            logger[metadataKey: "request_id"] = "abc"
            for log in [logger, expected] {
                log.info("HTTP request", metadata: ["status": "200", "route": "/graphql", "duration_ms": "3"])
                log.warning("plain")
                log.error("A store call failed", metadata: ["error": "\(Failure())", "count": .stringConvertible(2)])
                log.debug("not at the default level")
            }
        }
        let lines = text.split(separator: "\n")
        let expectedLines = reference.value.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.map(Self.afterTimestamp) == expectedLines.map(Self.afterTimestamp))
        #expect(
            lines.first.map(Self.afterTimestamp)
                == "info snowgate: duration_ms=3 request_id=abc route=/graphql status=200 [GatewayTests] HTTP request"
        )
    }

    @Test func theTimestampIsLocalTimeToTheSecondWithItsOffset() throws {
        let text = try Self.captured { descriptor in
            let logger = Logger(label: "x") {
                GatewayLogHandler(label: $0, output: LogOutput(descriptor: descriptor), metadataProvider: nil)
            }
            logger.info("one")
            logger.info("two")
        }
        let stamps = text.split(separator: "\n").map { $0.prefix { $0 != " " } }
        #expect(stamps.count == 2)
        for stamp in stamps {
            #expect(stamp.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}/) != nil)
        }
    }
}
