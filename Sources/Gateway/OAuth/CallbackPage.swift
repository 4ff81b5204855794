import Crypto

/// The small self-contained page the OAuth popup lands on: it says how the connection went, in words for the user
/// (and, for setup problems, for the admin), and tells the widget that opened it through `postMessage` to the
/// gateway's own origin.
///
/// Its style and script are inline and allowed by their SHA-256 hashes in the Content-Security-Policy, so the page
/// needs no other request and no other script can run in it.
enum CallbackPage {
    private static let template = HTMLTemplate(text: EmbeddedAssets.webText("oauth-callback.html"))
    private static let style = EmbeddedAssets.webText("oauth-callback.css")
    private static let script = EmbeddedAssets.webText("oauth-callback.js")

    /// The page's own policy: nothing but the inline style and script whose hashes are listed; no forms, no base
    /// URL changes. `HTMLPageHeaders` adds `frame-ancestors 'none'` (it is a popup, never framed).
    static let contentSecurityPolicy =
        "default-src 'none'; style-src '\(hash(style))'; script-src '\(hash(script))'; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'"

    /// The page for `outcome`, telling windows of `origin` (the gateway's public origin).
    static func render(_ outcome: CallbackOutcome, origin: String) -> String {
        var adminSection = ""
        if let adminMessage = outcome.adminMessage {
            adminSection =
                "<div class=\"admin\"><strong>For your administrator:</strong> "
                + HTMLTemplate.escape(adminMessage) + "</div>"
        }
        return template.render([
            "title": HTMLTemplate.escape(outcome.heading + " · snowgate"),
            "style": style,
            "script": script,
            "status": outcome.status.rawValue,
            "code": HTMLTemplate.escape(outcome.code ?? ""),
            "message": HTMLTemplate.escape(outcome.status == .connected ? "" : outcome.userMessage),
            "origin": HTMLTemplate.escape(origin),
            "heading": HTMLTemplate.escape(outcome.heading),
            "userMessage": HTMLTemplate.escape(outcome.userMessage),
            "adminSection": adminSection,
        ])
    }

    /// A CSP source expression for inline content: `sha256-<base64 of its SHA-256>`.
    static func hash(_ content: String) -> String {
        "sha256-"
            + Base64.encode(Array(SHA256.hash(data: Array(content.utf8))), alphabet: .standard, padding: .required)
    }
}
