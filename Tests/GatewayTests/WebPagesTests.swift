import CurlHTTP
import Foundation
import Testing

@testable import Gateway

/// `GET /widget`, `GET /explorer` and `GET /assets/…`: what the gateway sends browsers, and the headers that let a
/// strict Content-Security-Policy forbid anything inline.
@Suite struct WebPagesTests {
    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

    @Test(arguments: ["/widget", "/explorer"])
    func pagesCarryAStrictPolicyAndNoInlineCode(_ path: String) async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            let response = try await gateway.request(.get, path)
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/html; charset=utf-8")
            #expect(response.header("Content-Security-Policy") == Self.policy)
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.header("Referrer-Policy") == "no-referrer")
            #expect(response.header("Cache-Control") == "no-cache")
            let etag = try #require(response.header("ETag"))
            #expect(etag.hasPrefix("\"") && etag.count == 34)

            let html = response.text
            // Nothing inline: every script has a src, no <style>, no style= or on…= attributes.
            #expect(!html.contains("<style"))
            #expect(html.firstRange(of: /<script(?![^>]*\ssrc=)/) == nil)
            #expect(html.firstRange(of: /\sstyle=/) == nil)
            #expect(html.firstRange(of: /\son[a-z]+=/) == nil)
            #expect(!html.contains("{{"))
            // Every asset the page names is served, by its current version.
            let references = html.matches(of: /(?:src|href)="(assets\/[^"?]+)\?v=([0-9a-f]{16})"/)
            #expect(references.count >= 4)
            for reference in references {
                let asset = try await gateway.request(.get, "/" + reference.1 + "?v=" + reference.2)
                #expect(asset.status == 200, "\(reference.1)")
                #expect(asset.header("Cache-Control") == "public, max-age=31536000, immutable")
                #expect(asset.header("Content-Security-Policy") == Self.policy)
            }
        }
    }

    /// An intranet on another origin embeds the widget in an iframe: `--frame-ancestor` reaches the pages' policy,
    /// and X-Frame-Options (which cannot name an origin) is left out so that browsers follow the CSP.
    @Test func pagesMayBeFramedByTheConfiguredIntranet() async throws {
        let harness = try GatewayHarness()
        var security = SecuritySettings()
        security.web.frameAncestors = ["'self'", "https://intranet.example.com"]
        try await harness.withGateway(graphQL: EchoGraphQLService(), security: security) { gateway in
            let page = try await gateway.request(.get, "/widget")
            #expect(page.status == 200)
            let policy = try #require(page.header("Content-Security-Policy"))
            #expect(policy.hasSuffix("; frame-ancestors 'self' https://intranet.example.com"))
            #expect(page.header("X-Frame-Options") == nil)
            // A script is never a frame: its own policy keeps the default.
            let script = try await gateway.request(.get, "/assets/widget.js")
            #expect(script.header("Content-Security-Policy") == Self.policy)
        }
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            let page = try await gateway.request(.get, "/widget")
            #expect(page.header("X-Frame-Options") == "SAMEORIGIN")
        }
    }

    @Test func assetsAreRevalidatedByTheirETag() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            let script = try await gateway.request(.get, "/assets/widget.js")
            #expect(script.status == 200)
            #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
            #expect(script.header("Cache-Control") == "no-cache")
            #expect(script.text.contains("WidgetRender"))
            let etag = try #require(script.header("ETag"))

            let unchanged = try await gateway.request(.get, "/assets/widget.js", headers: [("If-None-Match", etag)])
            #expect(unchanged.status == 304)
            #expect(unchanged.body.isEmpty)
            #expect(unchanged.header("ETag") == etag)
            let weak = try await gateway.request(
                .get,
                "/assets/widget.js",
                headers: [("If-None-Match", "\"other\", W/\(etag)")]
            )
            #expect(weak.status == 304)
            let changed = try await gateway.request(
                .get,
                "/assets/widget.js",
                headers: [("If-None-Match", "\"other\"")]
            )
            #expect(changed.status == 200)
            // An old version asked for gets the current file, revalidated rather than cached for a year.
            let stale = try await gateway.request(.get, "/assets/widget.js?v=0000000000000000")
            #expect(stale.status == 200 && stale.header("Cache-Control") == "no-cache")

            let page = try await gateway.request(.get, "/widget")
            let pageTag = try #require(page.header("ETag"))
            #expect(try await gateway.request(.get, "/widget", headers: [("If-None-Match", pageTag)]).status == 304)

            for (name, type) in [
                ("widget.css", "text/css; charset=utf-8"), ("favicon.svg", "image/svg+xml"),
                ("explorer.js", "text/javascript; charset=utf-8"),
            ] {
                #expect(try await gateway.request(.get, "/assets/" + name).header("Content-Type") == type)
            }
        }
    }

    @Test func onlyEmbeddedAssetsAreServedAndOnlyByGet() async throws {
        let harness = try GatewayHarness()
        try await harness.withGateway(graphQL: EchoGraphQLService()) { gateway in
            for path in [
                "/assets/", "/assets/nope.js", "/assets/oauth-callback.js", "/assets/Web/assets/widget.js",
                "/widget/", "/widget.html", "/assets",
            ] {
                let response = try await gateway.request(.get, path)
                #expect(response.status == 404, "\(path)")
            }
            let post = try await gateway.request(.post, "/widget", body: [])
            #expect(post.status == 405)
            #expect(post.header("Allow") == "GET")
            // The request metrics name the asset route once, whatever the file.
            _ = try await gateway.request(.get, "/assets/base.css")
            let metrics = try await gateway.request(.get, "/metrics").text
            #expect(metrics.contains("route=\"/assets/*\""))
            #expect(!metrics.contains("route=\"/assets/base.css\""))
        }
    }

    @Test func theDemoTokenNeverReachesThePages() throws {
        // The pages are the same bytes for everyone: no token, no user, nothing to leak from a cache.
        for (path, resource) in WebSite.pages {
            let html = String(decoding: resource.bytes, as: UTF8.self)
            #expect(!html.contains("eyJ"), "\(path)")
        }
        #expect(
            WebSite.assets.keys.sorted() == [
                "base.css", "explorer.css", "explorer.js", "favicon.svg", "snowgate.js", "widget.css", "widget.js",
            ]
        )
    }
}
