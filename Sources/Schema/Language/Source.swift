import Synchronization

/// A GraphQL document's text, with a name for error messages, as the lexer and parser read it.
///
/// The text is held as contiguous UTF-8 so that the lexer can scan raw bytes without `Character` or
/// `String.Index` arithmetic. Line and column numbers are not tracked while lexing; they are computed on demand
/// (for an error, or a validation message) from a table of line starts that is built once, the first time
/// anyone asks.
public final class Source: Sendable {
    /// The document text.
    public let body: String

    /// A name for the document, shown in error excerpts (`GraphQL request` unless told otherwise).
    public let name: String

    /// Byte offsets at which each line starts; built lazily because most documents never need it.
    private let lineStarts = Mutex<[Int]?>(nil)

    /// Creates a source of `body`, named `name` in error messages.
    public init(_ body: String, name: String = "GraphQL request") {
        var contiguous = body
        // Native Swift strings are already contiguous UTF-8; bridged or lazily-decoded ones are made so once,
        // here, so that every later scan can borrow the bytes in place.
        contiguous.makeContiguousUTF8()
        self.body = contiguous
        self.name = name
    }

    /// The size of the document in UTF-8 bytes.
    public var byteCount: Int { body.utf8.count }

    /// Calls `work` with the document's UTF-8 bytes, borrowed in place.
    @inlinable
    public func withUTF8<R>(_ work: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = body.utf8.withContiguousStorageIfAvailable(work) { return result }
        // Unreachable in practice: `init` made the storage contiguous. Kept as a correct, slower fallback.
        return Array(body.utf8).withUnsafeBufferPointer(work)
    }

    /// The text of the bytes `start..<end`, decoding any sequence cut in half as U+FFFD.
    public func text(from start: Int, to end: Int) -> String {
        withUTF8 { bytes in
            let lower = max(0, min(start, bytes.count))
            let upper = max(lower, min(end, bytes.count))
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
        }
    }

    /// The 1-based line and column of the byte at `offset`.
    ///
    /// Columns count UTF-16 code units, as graphql-js and the editors behind GraphiQL do, so a location we
    /// report points at the same character in a browser. For ASCII text that is simply the byte distance.
    public func location(at offset: Int) -> SourceLocation {
        let starts = lineStartTable()
        // The last line start at or before `offset`.
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let lineStart = starts[low]
        let column = withUTF8 { bytes in
            var units = 0
            var position = lineStart
            let end = min(offset, bytes.count)
            while position < end {
                let byte = bytes[position]
                if byte & 0xC0 != 0x80 { units += byte >= 0xF0 ? 2 : 1 }
                position += 1
            }
            // An offset past the end (the EOF token) still gets a column one past the last character.
            return units + max(0, offset - end)
        }
        return SourceLocation(line: low + 1, column: column + 1)
    }

    /// The text of line `line` (1-based), without its terminator; empty past the end.
    public func lineText(_ line: Int) -> String {
        let starts = lineStartTable()
        guard line >= 1, line <= starts.count else { return "" }
        let start = starts[line - 1]
        return withUTF8 { bytes in
            var end = start
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    fileprivate func lineStartTable() -> [Int] {
        lineStarts.withLock { cached in
            if let cached { return cached }
            let table = withUTF8 { bytes in
                var starts = [0]
                var position = 0
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == 0x0A {
                        starts.append(position + 1)
                    } else if byte == 0x0D {
                        // CR LF is one line terminator; a lone CR is one too (spec §2.1.3).
                        if position + 1 < bytes.count, bytes[position + 1] == 0x0A { position += 1 }
                        starts.append(position + 1)
                    }
                    position += 1
                }
                return starts
            }
            cached = table
            return table
        }
    }
}

/// A 1-based line and column in a source, as GraphQL errors report them.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The line, starting at 1.
    public var line: Int
    /// The column, starting at 1, in UTF-16 code units.
    public var column: Int

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

extension Source {
    /// Whether the document has a line numbered `line` (1-based).
    func hasLine(_ line: Int) -> Bool {
        line >= 1 && line <= lineCount
    }

    /// The number of lines (a document without line terminators has one).
    public var lineCount: Int { lineStartTable().count }
}
