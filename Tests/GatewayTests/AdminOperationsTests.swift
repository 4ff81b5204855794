import CurlHTTP
import Foundation
import JSON
import Resolvers
import ServiceNowSimulator
import Testing

@testable import Gateway

/// The admin's configuration and the widget settings: who may change them, what a change does to users, and what
/// survives a restart.
@Suite struct AdminOperationsTests {
    @Test func nonAdminsAreForbidden() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway { gateway async throws in
            let user = harness.identity("user-a")
            let operations = gateway.operations
            await #expect(throws: GatewayError.self) { try await operations.serviceNowConfiguration(user) }
            do throws(GatewayError) {
                _ = try await operations.configureServiceNow(
                    user,
                    instanceURL: "https://acme.service-now.com",
                    clientID: "id",
                    clientSecret: "secret"
                )
                Issue.record("A non-admin configured ServiceNow")
            } catch {
                #expect(error.code == .forbidden)
            }
            do throws(GatewayError) {
                _ = try await operations.updateWidgetSettings(user, showLogo: false)
                Issue.record("A non-admin changed the widget settings")
            } catch {
                #expect(error.code == .forbidden)
            }
            #expect(try await gateway.store.serviceNowConfiguration() == nil)
            #expect(try await operations.widgetSettings().showLogo)
        }
    }

    @Test func configurationIsValidatedAndTheSecretIsWriteOnly() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway { gateway in
            let admin = harness.identity("admin-1", admin: true)
            let operations = gateway.operations
            let empty = try await operations.serviceNowConfiguration(admin)
            #expect(!empty.configured && !empty.clientSecretSet && empty.instanceURL == nil)
            #expect(empty.redirectURL == gateway.baseURL + "/oauth/callback")

            let invalid: [(String, String, String, String)] = [
                ("http://acme.service-now.com", "id", "secret", "instanceUrl"),
                ("https://acme.service-now.com/path", "id", "secret", "instanceUrl"),
                ("https://acme.service-now.com", "  ", "secret", "clientId"),
                ("https://acme.service-now.com", "id with space", "secret", "clientId"),
                ("https://acme.service-now.com", "id", "", "clientSecret"),
                ("https://acme.service-now.com", "id", "a\u{1}b", "clientSecret"),
            ]
            for (url, id, secret, field) in invalid {
                do throws(GatewayError) {
                    _ = try await operations.configureServiceNow(
                        admin,
                        instanceURL: url,
                        clientID: id,
                        clientSecret: secret
                    )
                    Issue.record("Accepted \(url) \(id)")
                } catch {
                    #expect(error.code == .badUserInput)
                    #expect(error.extensions["field"] == .string(field))
                    #expect(!error.message.contains(secret) || secret.isEmpty)
                }
            }
            #expect(try await gateway.store.serviceNowConfiguration() == nil)

            let saved = try await operations.configureServiceNow(
                admin,
                instanceURL: " HTTPS://Acme.Service-Now.com:443/ ",
                clientID: " client-1 ",
                clientSecret: " s3cret-value "
            )
            #expect(saved.configuration.instanceURL == "https://acme.service-now.com")
            #expect(saved.configuration.clientID == "client-1")
            #expect(saved.configuration.clientSecretSet)
            #expect(saved.configuration.redirectURL == gateway.baseURL + "/oauth/callback")
            #expect(saved.disconnectedUsers == 0)
            let credentials = try #require(try await gateway.store.serviceNowCredentials())
            #expect(credentials.clientSecret == "s3cret-value")
            let view = try await operations.serviceNowConfiguration(admin)
            #expect(view.configured && view.instanceURL == "https://acme.service-now.com" && view.updatedAt != nil)
            #expect(!"\(view)".contains("s3cret-value"))
            let audit = try await gateway.store.auditLog(limit: 5)
            #expect(audit.first?.actor == "admin-1")
            #expect(!"\(audit)".contains("s3cret-value"))
        }
    }

    @Test func reconfigurationPurgesEveryUserAtOnce() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                try await gateway.connect("user-b", as: "beth.anglin", simulator: simulator)
                // A sign-in that is half way through when the admin saves.
                let pending = try #require(try await gateway.operations.authorizeURL(for: harness.identity("user-c")))
                let admin = harness.identity("admin-1", admin: true)
                #expect(try await gateway.operations.serviceNowConfiguration(admin).connectedUsers == 2)

                let result = try await gateway.configure(against: simulator)
                #expect(result.disconnectedUsers == 2)
                for subject in ["user-a", "user-b"] {
                    #expect(try await gateway.store.tokens(subject: subject) == nil)
                    #expect(try await gateway.operations.isConnected(harness.identity(subject)) == false)
                }
                #expect(try await gateway.operations.serviceNowConfiguration(admin).connectedUsers == 0)
                let late = try simulator.control.approveAuthorization(url: pending, asUser: "abel.tuter")
                let page = try await harness.client.execute(CurlRequest(url: late))
                #expect(page.status == 400)
                #expect(try await gateway.store.tokens(subject: "user-c") == nil)

                // Connecting again works under the new configuration.
                #expect(try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator).status == 200)
            }
        }
    }

    @Test func widgetSettings() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway { gateway async throws in
            let admin = harness.identity("admin-1", admin: true)
            #expect(try await gateway.operations.widgetSettings() == WidgetSettings(showLogo: true))
            #expect(try await gateway.operations.updateWidgetSettings(admin, showLogo: false).showLogo == false)
            #expect(try await gateway.operations.updateWidgetSettings(admin, showLogo: nil).showLogo == false)
            #expect(try await gateway.operations.widgetSettings().showLogo == false)
        }
    }

    @Test func aRestartKeepsEverythingAndTheFileHoldsNoSecret() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            let before = try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                try await gateway.configure(against: simulator)
                let page = try await gateway.connect("user-a", as: "abel.tuter", simulator: simulator)
                #expect(page.status == 200)
                _ = try await gateway.operations.updateWidgetSettings(
                    harness.identity("admin-1", admin: true),
                    showLogo: false
                )
                return try #require(try await gateway.store.tokens(subject: "user-a"))
            }

            let bytes = try harness.databaseBytes()
            for secret in [harness.clientSecret, before.accessToken, try #require(before.refreshToken)] {
                #expect(!Self.contains(bytes, Array(secret.utf8)), "a secret is in the database file in clear")
            }

            // The same port cannot be relied on, but the redirect URL must be registered for the new one.
            try await harness.withGateway { gateway in
                gateway.registerClient(at: simulator)
                let alice = harness.identity("user-a")
                #expect(try await gateway.operations.isConnected(alice))
                #expect(try await gateway.operations.widgetSettings().showLogo == false)
                let token = try await gateway.operations.credentials(for: alice).accessToken()
                #expect(token == before.accessToken)
                let user = try await OAuthFlowTests.serviceNowUser(token, at: simulator, client: harness.client)
                #expect(user.userName == "abel.tuter")
                let view = try await gateway.operations.serviceNowConfiguration(harness.identity("a", admin: true))
                #expect(view.instanceURL == simulator.baseURL && view.connectedUsers == 1)
            }
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
