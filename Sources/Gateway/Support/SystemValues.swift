extension Duration {
    /// Whole nanoseconds, saturating at `Int64.max` (what NIO's `TimeAmount` and the metrics' timers take).
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product &+ attoseconds / 1_000_000_000
    }
}

extension String {
    /// The text a C function wrote into `buffer`, up to its terminating NUL (`strftime`, `inet_ntop`, `mkdtemp`).
    init(nulTerminated buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
