import Foundation
import JSON
import Schema
import ServiceNowSimulator
import Testing

@testable import Resolvers

/// The ServiceNow projection (`sysparm_fields`) built once per cached execution plan
/// (``SelectionTree/memoized(_:)``): requests of one document whose variables change the selection must each ask
/// ServiceNow for their own fields, whichever ran first.
@Suite struct PlanCacheProjectionTests {
    static let query = """
        query ($first: Int, $email: Boolean!, $group: Boolean!) {
          incidents(first: $first) {
            nodes { number assignedTo { name email @include(if: $email) } assignmentGroup @include(if: $group) { name } }
          }
        }
        """

    /// The pipeline the gateway runs requests through (document and plan caches), over the test executor.
    static func pipeline() throws -> RequestPipeline<TestContext, Int> {
        RequestPipeline(executor: try Harness.executor.get()) { document, schema, _ in
            Validator.validate(schema: schema, document: document)
        }
    }

    /// The `sysparm_fields` of the incident list read of one request, and its answer.
    static func render(
        _ pipeline: RequestPipeline<TestContext, Int>,
        _ setup: SimulatorSetup,
        _ variables: JSONObject
    ) async throws -> (fields: [String], result: ExecutionResult) {
        let credentials = try setup.credentials("beth.anglin")
        let session = ServiceNowSession(
            client: try ServiceNowClient(instanceURL: setup.baseURL, http: setup.http, credentials: credentials),
            cache: nil,
            mode: .batched
        )
        let result = await pipeline.execute(
            GraphQLRequest(query: query, variables: variables),
            options: 0,
            context: TestContext(serviceNow: .connected(session), instanceURL: setup.baseURL)
        )
        let log = setup.control.requests(withAccessToken: try credentials.currentToken())
        // One read goes alone as a Table API call; through the Batch API it would be the first item.
        let last = try #require(log.last)
        let url = last.batchItems.first?.url ?? (last.path + "?" + last.query)
        let components = try #require(URLQuery(url))
        return (components.fields, result)
    }

    @Test func variablesThatChangeTheSelectionChangeTheProjection() async throws {
        try await SimulatorSetup.run { setup in
            let pipeline = try Self.pipeline()
            let plain = ["sys_id", "number", "assigned_to"]
            let cases: [(JSONObject, [String], Bool, Bool)] = [
                (["first": 2, "email": true, "group": false], plain + ["assigned_to.email"], true, false),
                (["first": 2, "email": false, "group": false], plain, false, false),
                (["first": 2, "email": false, "group": true], plain + ["assignment_group"], false, true),
                (
                    ["first": 3, "email": true, "group": true], plain + ["assigned_to.email", "assignment_group"], true,
                    true
                ),
            ]
            // Twice over: the second round runs from cached plans and their cached projections.
            for _ in 0..<2 {
                for (variables, expected, hasEmail, hasGroup) in cases {
                    let (fields, result) = try await Self.render(pipeline, setup, variables)
                    #expect(result.errors.isEmpty)
                    #expect(fields.sorted() == expected.sorted())
                    let nodes = try #require(result["incidents", "nodes"]?.arrayValue)
                    #expect(nodes.count == variables["first"]?.intValue)
                    for node in nodes {
                        #expect((node["assignedTo"]?.objectValue?["email"] != nil) == hasEmail)
                        #expect((node.objectValue?["assignmentGroup"] != nil) == hasGroup)
                    }
                }
            }
            #expect(pipeline.planCacheStatistics.entries == cases.count)
            #expect(pipeline.planCacheStatistics.hits == cases.count)
        }
    }
}

/// The `sysparm_fields` of a relative Table API URL.
private struct URLQuery {
    let fields: [String]

    init?(_ url: String) {
        guard let query = url.split(separator: "?", maxSplits: 1).last else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0] == "sysparm_fields" else { continue }
            // Field names and dots are unreserved; only the commas between them are escaped.
            fields = parts[1].replacingOccurrences(of: "%2C", with: ",").split(separator: ",").map(String.init)
            return
        }
        return nil
    }
}
