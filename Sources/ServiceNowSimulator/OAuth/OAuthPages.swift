/// The HTML of the authorize flow: a login form, a consent page with Allow and Deny, and the error page.
/// Plain forms that a person can click through in any browser; every value is escaped.
enum OAuthPages {
    /// The parameters of the authorize request, carried through the forms as hidden fields.
    static let carriedParameters = [
        "response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method",
    ]

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(title))</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;background:#f4f5f7;margin:0;color:#1d2b36}
        header{background:#293e40;color:#fff;padding:14px 24px;font-size:18px}
        main{max-width:380px;margin:60px auto;background:#fff;padding:28px 32px;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
        label{display:block;margin:14px 0 4px;font-size:14px}
        input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:8px;border:1px solid #bbb;border-radius:4px;font-size:15px}
        button{margin-top:20px;padding:9px 20px;font-size:15px;border-radius:4px;border:1px solid #293e40;cursor:pointer}
        .primary{background:#293e40;color:#fff}.secondary{background:#fff;color:#293e40;margin-left:8px}
        .error{color:#b00020;margin-top:10px}
        </style></head>
        <body><header>ServiceNow</header><main>\(body)</main></body></html>
        """
    }

    private static func hiddenFields(_ parameters: [String: String]) -> String {
        carriedParameters.compactMap { name in
            parameters[name].map { "<input type=\"hidden\" name=\"\(name)\" value=\"\(HTMLText.escape($0))\">" }
        }.joined()
    }

    static func login(parameters: [String: String], error: String?) -> String {
        page(
            title: "Log in | ServiceNow",
            body: """
                <h2>Log in</h2>
                <form method="post" action="/oauth_auth.do">
                \(hiddenFields(parameters))<input type="hidden" name="action" value="login">
                <label for="user_name">User name</label><input type="text" id="user_name" name="user_name" autocomplete="username" autofocus>
                <label for="user_password">Password</label><input type="password" id="user_password" name="user_password" autocomplete="current-password">
                \(error.map { "<p class=\"error\">\(HTMLText.escape($0))</p>" } ?? "")
                <button type="submit" class="primary" id="sysverb_login">Log in</button>
                </form>
                """
        )
    }

    static func consent(
        parameters: [String: String],
        applicationName: String,
        userName: String,
        formToken: String
    ) -> String {
        page(
            title: "Authorize | ServiceNow",
            body: """
                <h2>\(HTMLText.escape(applicationName))</h2>
                <p><strong>\(HTMLText.escape(applicationName))</strong> would like to connect to your account
                (<strong>\(HTMLText.escape(userName))</strong>) and act on your behalf.</p>
                <form method="post" action="/oauth_auth.do">
                \(hiddenFields(parameters))<input type="hidden" name="sysparm_ck" value="\(HTMLText.escape(formToken))">
                <button type="submit" name="action" value="allow" class="primary" id="allow">Allow</button>
                <button type="submit" name="action" value="deny" class="secondary" id="deny">Deny</button>
                </form>
                """
        )
    }

    static func error(_ message: String) -> String {
        page(title: "Error | ServiceNow", body: "<h2>Error</h2><p class=\"error\">\(HTMLText.escape(message))</p>")
    }
}
