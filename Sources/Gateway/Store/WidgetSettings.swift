/// Settings of the intranet widget that an admin can change.
public struct WidgetSettings: Sendable, Hashable {
    /// Whether the widget shows the ServiceNow logo.
    public var showLogo: Bool

    /// Creates settings.
    public init(showLogo: Bool) {
        self.showLogo = showLogo
    }

    /// The settings before any admin changed them: the logo is shown.
    public static let defaults = WidgetSettings(showLogo: true)
}
