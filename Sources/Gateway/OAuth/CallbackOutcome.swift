/// How an OAuth callback ended, as the callback page shows it and tells the widget.
struct CallbackOutcome: Sendable, Hashable {
    /// `connected` or `error`.
    enum Status: String, Sendable, Hashable {
        case connected
        case error
    }

    /// Whether the user is now connected.
    var status: Status
    /// A stable code for the widget (`SERVICENOW_INVALID_CLIENT`, `OAUTH_STATE_INVALID`, …); nil on success.
    var code: String?
    /// The page's heading.
    var heading: String
    /// What the user reads: what happened and what to do.
    var userMessage: String
    /// What an administrator should check, when it is a configuration problem.
    var adminMessage: String?
    /// The HTTP status of the page.
    var httpStatus: Int

    /// The user connected.
    static let connected = CallbackOutcome(
        status: .connected,
        code: nil,
        heading: "ServiceNow is connected",
        userMessage: "Your ServiceNow account is connected. You can close this window.",
        adminMessage: nil,
        httpStatus: 200
    )

    /// The user pressed Deny, or ServiceNow sent an error instead of a code.
    static func denied(error: String) -> CallbackOutcome {
        let denied = error == "access_denied"
        return CallbackOutcome(
            status: .error,
            code: denied ? "OAUTH_ACCESS_DENIED" : "OAUTH_AUTHORIZATION_FAILED",
            heading: "ServiceNow was not connected",
            userMessage: denied
                ? "You did not allow access to your ServiceNow account. Close this window and press Connect again "
                    + "if you want to connect."
                : "ServiceNow did not let you connect. Close this window and try again; if it keeps happening, tell "
                    + "your administrator.",
            adminMessage: denied ? nil : "ServiceNow answered the authorization with an error instead of a code.",
            httpStatus: 400
        )
    }

    /// The `state` is missing, malformed, unknown, expired or already used (a replay or a forgery).
    static let invalidState = CallbackOutcome(
        status: .error,
        code: "OAUTH_STATE_INVALID",
        heading: "This sign-in link cannot be used",
        userMessage: "This sign-in link has expired or was already used. Close this window and press Connect to "
            + "ServiceNow again.",
        adminMessage: nil,
        httpStatus: 400
    )

    /// The callback came without a code (and without an error).
    static let missingCode = CallbackOutcome(
        status: .error,
        code: "OAUTH_INVALID_REQUEST",
        heading: "ServiceNow was not connected",
        userMessage: "ServiceNow sent you back without an authorization. Close this window and try again.",
        adminMessage: nil,
        httpStatus: 400
    )

    /// The admin saved a new configuration while the user was signing in.
    static let configurationChanged = CallbackOutcome(
        status: .error,
        code: "SERVICENOW_CONFIGURATION_CHANGED",
        heading: "ServiceNow settings changed",
        userMessage: "Your administrator changed the ServiceNow settings while you were signing in. Close this window "
            + "and connect again.",
        adminMessage: nil,
        httpStatus: 409
    )

    /// No configuration at all.
    static let notConfigured = CallbackOutcome(
        status: .error,
        code: "SERVICENOW_NOT_CONFIGURED",
        heading: "ServiceNow is not set up",
        userMessage: GatewayError.notConfiguredMessage,
        adminMessage: nil,
        httpStatus: 409
    )

    /// ServiceNow's token endpoint refused the code exchange: almost always the client secret or client ID, or an
    /// unregistered redirect URL.
    static func invalidClient(redirectURL: String) -> CallbackOutcome {
        CallbackOutcome(
            status: .error,
            code: "SERVICENOW_INVALID_CLIENT",
            heading: "ServiceNow refused the connection",
            userMessage: "ServiceNow refused the gateway's sign-in. This is a setup problem, not something you did: "
                + "please tell your administrator.",
            adminMessage: invalidClientHint(redirectURL: redirectURL),
            httpStatus: 502
        )
    }

    /// The admin-facing explanation of ServiceNow's generic token-endpoint refusal.
    static func invalidClientHint(redirectURL: String) -> String {
        "ServiceNow's token endpoint refused the gateway (it answered access_denied / server_error). The client "
            + "secret (or the client ID) configured in the gateway probably does not match the OAuth application in "
            + "ServiceNow's Application Registry. Check both, and check that the redirect URL \(redirectURL) is "
            + "registered in that application."
    }

    /// ServiceNow could not be reached for the code exchange.
    static let unavailable = CallbackOutcome(
        status: .error,
        code: "SERVICENOW_UNAVAILABLE",
        heading: "ServiceNow could not be reached",
        userMessage: "ServiceNow did not answer. Close this window and try again in a few minutes.",
        adminMessage: nil,
        httpStatus: 502
    )

    /// The gateway failed (its store); details are in its log.
    static let internalError = CallbackOutcome(
        status: .error,
        code: "INTERNAL_SERVER_ERROR",
        heading: "Something went wrong",
        userMessage: "The gateway could not finish connecting your account. Close this window and try again.",
        adminMessage: nil,
        httpStatus: 500
    )
}
