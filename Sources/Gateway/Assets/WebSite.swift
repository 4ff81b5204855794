/// The browser pages the gateway serves — the reference widget (`/widget`) and the schema explorer (`/explorer`) —
/// and the static files under `/assets/` they load, all compiled into the binary from `Sources/Gateway/Web/`.
///
/// The pages reference their assets by relative URLs carrying a content version (`assets/widget.js?v=…`), so they
/// work under a public URL with a path prefix, and a browser may keep a versioned asset for a year: a new build
/// changes the version, and the page (always revalidated) names the new one.
enum WebSite {
    /// Where the static files are served from.
    static let assetPathPrefix = "/assets/"

    /// The policy of every page and asset: scripts, styles and connections only from the gateway itself, images also
    /// from `data:` URLs, nothing inline (the pages have no inline script or style), no plugins, no `<base>`, no
    /// native form submissions (the forms are sent by script).
    ///
    /// Pages get ``pagePolicy`` with the configured `frame-ancestors` added by `HTMLPageHeaders`; assets get it with
    /// `frameAncestors` (`'self'` by default: nobody frames a script file).
    static func contentSecurityPolicy(frameAncestors: String = "'self'") -> String {
        pagePolicy + "; frame-ancestors \(frameAncestors)"
    }

    /// The directives of every page, without `frame-ancestors` (which depends on the configuration).
    static let pagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'"

    /// The files of `Web/assets/`, by their name below it (`widget.js`).
    static let assets: [String: WebResource] = {
        let prefix = "Web/assets/"
        var assets: [String: WebResource] = [:]
        for asset in EmbeddedAssets.generated where asset.path.hasPrefix(prefix) {
            let name = String(asset.path.dropFirst(prefix.count))
            assets[name] = WebResource(bytes: asset.bytes, contentType: WebResource.contentType(forName: name))
        }
        return assets
    }()

    /// The pages by their path, their `{{asset:NAME}}` placeholders replaced by versioned relative URLs.
    static let pages: [String: WebResource] = [
        "/widget": page("widget.html"),
        "/explorer": page("explorer.html"),
    ]

    /// The page template `Web/<name>` with every asset reference resolved.
    static func page(_ name: String) -> WebResource {
        var values: [String: String] = [:]
        for (assetName, resource) in assets {
            values["asset:" + assetName] = "assets/" + assetName + "?v=" + resource.version
        }
        let html = HTMLTemplate(text: EmbeddedAssets.webText(name)).render(values)
        return WebResource(bytes: Array(html.utf8), contentType: WebResource.contentType(forName: name))
    }

    /// The asset a request path names (`/assets/widget.js`), if there is one.
    static func asset(atPath path: String) -> WebResource? {
        guard path.hasPrefix(assetPathPrefix) else { return nil }
        return assets[String(path.dropFirst(assetPathPrefix.count))]
    }
}
