import CurlHTTP
import Foundation
import JSON
import ServiceNowSimulator
import Testing

@testable import Gateway

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SSRF protection: the instance URL is refused when its host resolves to an address the gateway must not call,
/// with an error that says why; loopback only with `--allow-http-loopback-instance`, and the ServiceNow client
/// judges the address of every connection it opens.
@Suite struct InstanceAddressPolicyTests {
    static func bytes(_ text: String) -> [UInt8] {
        if text.contains(":") {
            var address = in6_addr()
            #expect(inet_pton(AF_INET6, text, &address) == 1, "\(text)")
            return withUnsafeBytes(of: address) { Array($0) }
        }
        return text.split(separator: ".").compactMap { UInt8($0) }
    }

    @Test(arguments: [
        ("8.8.8.8", InstanceAddressPolicy.Category.public),
        ("149.96.5.1", .public),
        ("127.0.0.1", .loopback),
        ("127.255.0.9", .loopback),
        ("::1", .loopback),
        ("10.1.2.3", .private),
        ("172.16.0.1", .private),
        ("172.31.255.255", .private),
        ("172.32.0.1", .public),
        ("192.168.1.1", .private),
        ("100.64.0.1", .private),
        ("fd00::1", .private),
        ("169.254.169.254", .linkLocal),
        ("fe80::1", .linkLocal),
        ("224.0.0.1", .multicast),
        ("ff02::1", .multicast),
        ("0.0.0.0", .unspecified),
        ("::", .unspecified),
        ("255.255.255.255", .reserved),
        ("192.0.2.10", .reserved),
        ("2001:db8::1", .reserved),
        // IPv4 inside IPv6 is judged as the IPv4 address.
        ("::ffff:169.254.169.254", .linkLocal),
        ("::ffff:10.0.0.1", .private),
        ("64:ff9b::a9fe:a9fe", .linkLocal),
        ("2002:7f00:1::", .loopback),
        ("2606:4700::1111", .public),
    ])
    func categories(address: String, category: InstanceAddressPolicy.Category) {
        #expect(InstanceAddressPolicy.category(of: Self.bytes(address)) == category, "\(address)")
    }

    @Test func whatEachPolicyAllows() {
        let strict = InstanceAddressPolicy(allowLoopback: false, allowPrivate: false)
        let loopback = InstanceAddressPolicy(allowLoopback: true, allowPrivate: false)
        let onPremises = InstanceAddressPolicy(allowLoopback: false, allowPrivate: true)
        #expect(strict.allows(Self.bytes("8.8.8.8")))
        #expect(!strict.allows(Self.bytes("127.0.0.1")) && !strict.allows(Self.bytes("10.0.0.1")))
        #expect(loopback.allows(Self.bytes("127.0.0.1")) && loopback.allows(Self.bytes("::1")))
        // Loopback allows loopback only.
        #expect(!loopback.allows(Self.bytes("10.0.0.1")) && !loopback.allows(Self.bytes("169.254.169.254")))
        #expect(onPremises.allows(Self.bytes("10.0.0.1")) && !onPremises.allows(Self.bytes("127.0.0.1")))
        // Never, whatever is allowed.
        let everything = InstanceAddressPolicy(allowLoopback: true, allowPrivate: true)
        for never in ["169.254.169.254", "fe80::1", "0.0.0.0", "224.0.0.1", "::ffff:169.254.169.254"] {
            #expect(!everything.allows(Self.bytes(never)), "\(never)")
        }
        #expect(!everything.allows([1, 2, 3]))
    }

    @Test func aHostNameIsJudgedByWhatItResolvesTo() async throws {
        let strict = InstanceAddressPolicy(allowLoopback: false, allowPrivate: false)
        // `localhost` resolves to loopback on every machine.
        do {
            _ = try await strict.check(instanceURL: "https://localhost")
            Issue.record("localhost was allowed")
        } catch {
            #expect(error.message.contains("loopback"))
            #expect(error.message.contains("--allow-http-loopback-instance"))
        }
        let loopback = InstanceAddressPolicy(allowLoopback: true, allowPrivate: false)
        let addresses = try await loopback.check(instanceURL: "https://localhost")
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { InstanceAddressPolicy.category(of: $0) == .loopback })
        do {
            _ = try await loopback.check(instanceURL: "https://169.254.169.254")
            Issue.record("the metadata address was allowed")
        } catch {
            #expect(error.message.contains("169.254.169.254, a link-local address"))
        }
        do {
            _ = try await loopback.check(instanceURL: "https://10.20.30.40:8443")
            Issue.record("a private address was allowed")
        } catch {
            #expect(error.message.contains("--allow-private-instance"))
        }
    }

    @Test func anAdminCannotPointTheGatewayInside() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(allowHTTPLoopbackInstance: false) { gateway async throws in
            let admin = harness.token("admin-1", admin: true)
            let mutation = """
                mutation Configure($input: ConfigureServiceNowInput!) {
                  configureServiceNow(input: $input) { configuration { configured } }
                }
                """
            let refused = [
                ("https://169.254.169.254", "link-local"), ("https://10.0.0.7", "private"),
                ("https://localhost:8443", "loopback"), ("https://[::ffff:192.168.0.1]", "private"),
            ]
            for (url, words) in refused {
                let response = try await gateway.graphQL(
                    mutation,
                    variables: ["input": ["instanceUrl": .string(url), "clientId": "c", "clientSecret": "s"]],
                    token: admin
                )
                let error = try #require(try response.json()["errors"]?[0], "\(url)")
                #expect(error["extensions"]?["code"] == "BAD_USER_INPUT", "\(url)")
                #expect(error["extensions"]?["field"] == "instanceUrl", "\(url)")
                let message = try #require(error["message"]?.stringValue)
                #expect(message.contains(words), "\(url): \(message)")
            }
            #expect(try await gateway.store.serviceNowConfiguration() == nil)
            #expect(harness.logs.text.contains("Refused an instance URL"))
        }
    }

    @Test func theServiceNowClientOfServeChecksEveryConnection() async throws {
        // The client `serve` builds judges the address of each connection after DNS, whatever was checked when the
        // URL was saved (DNS rebinding): without the loopback allowance the simulator on 127.0.0.1 is out of reach.
        try await ServiceNowSimulator.withRunning { simulator in
            for allowLoopback in [false, true] {
                let directory = try TemporaryDirectory()
                let configuration = try GatewayConfiguration(
                    databasePath: directory.file("gateway.sqlite"),
                    allowHTTPLoopbackInstance: allowLoopback,
                    authSecret: "test-secret-that-is-long-enough-0123456789"
                )
                let resources = try await GatewayRunner.open(
                    configuration,
                    logger: LogCapture().logger()
                )
                do {
                    let response = try await resources.client.execute(
                        CurlRequest(url: simulator.baseURL + "/api/now/table/incident")
                    )
                    #expect(allowLoopback, "loopback was reached without the allowance")
                    #expect(response.status == 401)
                } catch let error as CurlError {
                    #expect(!allowLoopback, "\(error)")
                    #expect(error.code == .addressRefused)
                }
                await resources.close()
            }
        }
    }

    @Test func theSimulatorOnLoopbackStaysUsableWhereAllowed() async throws {
        let harness = try GatewayHarness()
        try await harness.withSimulator { simulator in
            try await harness.withGateway { gateway async throws in
                gateway.registerClient(at: simulator)
                let result = try await gateway.configure(against: simulator)
                #expect(result.configuration.instanceURL == simulator.baseURL)
            }
        }
    }
}
