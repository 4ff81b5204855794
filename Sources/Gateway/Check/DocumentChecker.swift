import Dispatch
import Schema
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses and validates GraphQL documents against one schema, as the gateway would before executing them:
/// the same parser limits (``ParseOptions/default``) and the same validation (every rule of the specification
/// plus the default operation limits), so a document that passes here is not refused by the server for its shape.
///
/// The schema is built once; files are checked in parallel on all cores, and the result keeps the order of the
/// paths given, so the output does not depend on scheduling.
struct DocumentChecker: Sendable {
    /// The schema documents are checked against.
    let schema: GraphQLSchema
    /// Parser limits, as the gateway applies them to client documents.
    let parseOptions: ParseOptions
    /// Validation options, as the gateway applies them to an authenticated user (``ValidationOptions/default``, the
    /// gateway's own default).
    let validationOptions: ValidationOptions

    init(
        schema: GraphQLSchema,
        parseOptions: ParseOptions = .default,
        validationOptions: ValidationOptions = .default
    ) {
        self.schema = schema
        self.parseOptions = parseOptions
        self.validationOptions = validationOptions
    }

    /// The errors of one document (empty when it is valid).
    func check(text: String, path: String) -> [CheckDiagnostic] {
        let document: Document
        do {
            document = try Parser.parse(Source(text, name: path), options: parseOptions)
        } catch {
            return [CheckDiagnostic(path: path, error: error)]
        }
        return validate(document).map { CheckDiagnostic(path: path, error: $0) }
    }

    /// Reads and checks one file.
    func check(path: String) -> [CheckDiagnostic] {
        do {
            return check(text: try SourceFiles.readText(path), path: path)
        } catch {
            return [CheckDiagnostic(path: path, locations: [], message: "error: \(error.reason)")]
        }
    }

    /// Checks the files at `paths` in parallel; the result has one entry per path, in the same order.
    func check(paths: [String]) -> [[CheckDiagnostic]] {
        let workers = max(1, min(Self.processorCount, paths.count))
        // Several chunks per worker so that one slow file does not leave the other cores idle at the end.
        let chunks = min(paths.count, workers * 8)
        let results = Mutex([[CheckDiagnostic]](repeating: [], count: paths.count))
        if chunks <= 1 {
            return paths.map { check(path: $0) }
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var local: [(Int, [CheckDiagnostic])] = []
            var index = chunk
            while index < paths.count {
                let diagnostics = check(path: paths[index])
                if !diagnostics.isEmpty { local.append((index, diagnostics)) }
                index += chunks
            }
            guard !local.isEmpty else { return }
            results.withLock { results in
                for (index, diagnostics) in local { results[index] = diagnostics }
            }
        }
        return results.withLock { $0 }
    }

    /// Every rule of the specification's section 5, then the operation limits.
    private func validate(_ document: Document) -> [GraphQLError] {
        Validator.validate(schema: schema, document: document, options: validationOptions)
    }

    private static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
