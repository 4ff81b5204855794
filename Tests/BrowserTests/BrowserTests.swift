import Testing

/// The widget and the explorer driven in headless Chromium against a `snowgate demo` set-up. One browser at a time
/// (`.serialized`, inherited by the nested suites), all inside one chromedriver.
@Suite(.serialized, .chromeDriver)
struct BrowserTests {}
