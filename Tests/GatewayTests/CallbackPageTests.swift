import Crypto
import Foundation
import Testing

@testable import Gateway

@Suite struct CallbackPageTests {
    @Test func everyAssetIsEmbedded() {
        for name in ["oauth-callback.html", "oauth-callback.css", "oauth-callback.js"] {
            #expect(!EmbeddedAssets.webText(name).isEmpty, "\(name)")
        }
        #expect(EmbeddedAssets.schemaSDL.contains("type Query"))
    }

    @Test func thePolicyAllowsExactlyTheInlineScriptAndStyle() throws {
        let page = CallbackPage.render(.connected, origin: "https://gw.example.com")
        let script = try #require(Self.between(page, "<script>", "</script>"))
        let style = try #require(Self.between(page, "<style>", "</style>"))
        let digest = { (text: String) in
            "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
        }
        #expect(CallbackPage.contentSecurityPolicy.contains("script-src '\(digest(script))'"))
        #expect(CallbackPage.contentSecurityPolicy.contains("style-src '\(digest(style))'"))
        #expect(script.contains("postMessage(outcome, origin)"))
        #expect(!script.contains("\"*\""))
        #expect(page.contains("data-origin=\"https://gw.example.com\""))
    }

    @Test func valuesAreEscaped() {
        var outcome = CallbackOutcome.invalidClient(redirectURL: "https://gw.example.com/oauth/callback")
        outcome.userMessage = "<img src=x onerror=alert(1)> {{script}} \"quoted\""
        let page = CallbackPage.render(outcome, origin: "https://gw.example.com\"><script>")
        #expect(!page.contains("<img src=x"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        // A placeholder inside a value stays text: the template is filled in one pass.
        #expect(page.contains("{{script}}"))
        #expect(!page.contains("\"><script>"))
        #expect(page.contains("For your administrator:"))
    }

    static func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }
}
