#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The current time, injected wherever expiry is decided (the store, the identity check), so tests control it.
public protocol WallClock: Sendable {
    /// The current date and time.
    func now() -> Date
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Date { Date() }
}

extension Date {
    /// Milliseconds since 1970, as the store keeps times (integers sort and compare exactly); saturating, so an
    /// absurd date from upstream (an `expires_in` of 1e300) cannot trap.
    var millisecondsSince1970: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded(.down)
        if let exact = Int64(exactly: milliseconds) { return exact }
        return milliseconds < 0 ? .min : .max
    }

    /// The date `milliseconds` after 1970.
    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
