import Testing

@testable import Gateway

/// The small conversions between Swift values and what C and NIO take.
@Suite struct SystemValuesTests {
    @Test func durationsInWholeNanoseconds() {
        #expect(Duration.seconds(75).wholeNanoseconds == 75_000_000_000)
        #expect(Duration.milliseconds(1.5).wholeNanoseconds == 1_500_000)
        #expect(Duration.nanoseconds(7).wholeNanoseconds == 7)
        // Beyond Int64 nanoseconds (about 292 years) it saturates instead of trapping.
        #expect(Duration.seconds(Int64.max / 2).wholeNanoseconds == .max)
    }

    @Test func textUpToTheTerminatingNUL() {
        #expect(String(nulTerminated: [104, 105, 0, 120, 0]) == "hi")
        #expect(String(nulTerminated: [104, 105]) == "hi")
        #expect(String(nulTerminated: []) == "")
    }
}
