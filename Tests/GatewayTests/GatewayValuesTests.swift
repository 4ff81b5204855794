import Foundation
import JSON
import Testing

@testable import Gateway

@Suite struct GatewayValuesTests {
    static let dates: [(TimeInterval, String)] = [
        (0, "1970-01-01T00:00:00Z"),
        (1_780_304_400, "2026-06-01T09:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (1_709_251_199.999, "2024-02-29T23:59:59Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
    ]

    @Test(arguments: dates)
    func dateTimeText(seconds: TimeInterval, expected: String) {
        #expect(DateTimeText.utc(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func configurationObjectHasTheSchemaFieldsAndNoSecret() {
        let view = ServiceNowConfigurationView(
            configured: true,
            instanceURL: "https://acme.service-now.com",
            clientID: "client",
            clientSecretSet: true,
            redirectURL: "https://gw.example.com/oauth/callback",
            connectedUsers: 3,
            updatedAt: Date(timeIntervalSince1970: 0)
        )
        #expect(
            JSONValue.object(ConfigureServiceNowResult(configuration: view, disconnectedUsers: 2).jsonObject)
                == [
                    "configuration": [
                        "configured": true, "instanceUrl": "https://acme.service-now.com", "clientId": "client",
                        "clientSecretSet": true, "redirectUrl": "https://gw.example.com/oauth/callback",
                        "connectedUsers": 3, "updatedAt": "1970-01-01T00:00:00Z",
                    ],
                    "disconnectedUsers": 2,
                ]
        )
    }
}
