import Testing

@testable import PostgreSQL

@Suite struct PostgreSQLValueTests {
    @Test func parametersHaveTheServersTextForms() throws {
        #expect(try PostgreSQLValue.null.parameterText() == nil)
        #expect(try PostgreSQLValue.bool(true).parameterText() == "t")
        #expect(try PostgreSQLValue.bool(false).parameterText() == "f")
        #expect(try PostgreSQLValue.integer(-9_223_372_036_854_775_808).parameterText() == "-9223372036854775808")
        #expect(try PostgreSQLValue.double(.infinity).parameterText() == "Infinity")
        #expect(try PostgreSQLValue.double(-.infinity).parameterText() == "-Infinity")
        #expect(try PostgreSQLValue.double(.nan).parameterText() == "NaN")
        #expect(try PostgreSQLValue.bytea([0x00, 0xAB, 0x7F]).parameterText() == "\\x00ab7f")
        #expect(try PostgreSQLValue.bytea([]).parameterText() == "\\x")
        #expect(try PostgreSQLValue.text("ünï ✓").parameterText() == "ünï ✓")
    }

    @Test func textWithANulCharacterIsRefusedNotCutShort() {
        let error = #expect(throws: PostgreSQLError.self) { try PostgreSQLValue.text("alice\u{0}evil").parameterText() }
        #expect(error?.code == .invalidParameter)
    }

    @Test func byteaHexRoundTrips() {
        let bytes: [UInt8] = (0...255).map { UInt8($0) }
        let literal = Hex.byteaLiteral(bytes)
        let decoded = Array(literal.utf8).withUnsafeBufferPointer { Hex.decodeBytea($0) }
        #expect(decoded == bytes)
        for malformed in ["", "\\", "x00", "\\x0", "\\x0g", "\\X00"] {
            #expect(Array(malformed.utf8).withUnsafeBufferPointer { Hex.decodeBytea($0) } == nil)
        }
        #expect(Array("\\xABcd".utf8).withUnsafeBufferPointer { Hex.decodeBytea($0) } == [0xAB, 0xCD])
    }

    @Test func descriptionsNeverShowContent() {
        #expect(PostgreSQLValue.text("secret-token").description == "text(12 bytes)")
        #expect(PostgreSQLValue.bytea([1, 2, 3]).description == "bytea(3 bytes)")
        #expect(!"\(PostgreSQLValue.text("secret-token"))".contains("secret"))
    }
}
