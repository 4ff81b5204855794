import Testing

@testable import ServiceNowSimulator

@Suite struct QueryParserTests {
    @Test func orBindsTighterThanAnd() {
        let query = QueryParser.parse("a=1^ORa=2^b=3")
        #expect(query.groups.count == 1)
        #expect(query.groups[0].count == 2)
        #expect(query.groups[0][0].map(\.value) == ["1", "2"])
        #expect(query.groups[0][1] == [QueryCondition(field: "b", op: .equals, value: "3")])
    }

    @Test func newQueryStartsAGroup() {
        let query = QueryParser.parse("active=true^NQstate=7^ORstate=8")
        #expect(query.groups.count == 2)
        #expect(query.groups[1][0].count == 2)
    }

    @Test func orderingTermsAreCollected() {
        let query = QueryParser.parse("active=true^ORDERBYnumber^ORDERBYDESCopened_at^EQ")
        #expect(
            query.ordering == [
                OrderTerm(field: "number", descending: false), OrderTerm(field: "opened_at", descending: true),
            ]
        )
        #expect(query.groups[0].count == 1)
    }

    @Test(arguments: [
        ("short_descriptionLIKEvpn", QueryOperator.like, "vpn"),
        ("short_descriptionNOT LIKEvpn", .notLike, "vpn"),
        ("numberSTARTSWITHINC00", .startsWith, "INC00"),
        ("numberENDSWITH1", .endsWith, "1"),
        ("stateIN1,2,3", .in, "1,2,3"),
        ("stateNOT IN6,7", .notIn, "6,7"),
        ("assigned_toISEMPTY", .isEmpty, ""),
        ("assigned_toISNOTEMPTY", .isNotEmpty, ""),
        ("numberANYTHING", .anything, ""),
        ("priority<=2", .lessThanOrEqual, "2"),
        ("priority>=2", .greaterThanOrEqual, "2"),
        ("priority!=2", .notEquals, "2"),
        ("opened_at<2026-05-01", .lessThan, "2026-05-01"),
        ("opened_atBETWEEN2026-01-01@2026-02-01", .between, "2026-01-01@2026-02-01"),
        ("opened_bySAMEAScaller_id", .sameAs, "caller_id"),
        ("opened_byNSAMEAScaller_id", .notSameAs, "caller_id"),
        ("caller_idDYNAMIC90d1921e5f510100a9ad2572f2b477fe", .dynamic, "90d1921e5f510100a9ad2572f2b477fe"),
        ("caller_id.department.name=IT", .equals, "IT"),
    ])
    func operators(text: String, op: QueryOperator, value: String) throws {
        let condition = try #require(QueryParser.parse(text).groups.first?.first?.first)
        #expect(condition.op == op)
        #expect(condition.value == value)
    }

    @Test func doubledCaretIsALiteralCaret() {
        let condition = QueryParser.parse("short_description=a^^b^active=true").groups[0][0][0]
        #expect(condition.value == "a^b")
    }

    @Test func textQueryAndGarbage() {
        let query = QueryParser.parse("123TEXTQUERY321=printer jam^Not a condition^=x")
        #expect(query.groups[0].count == 1)
        #expect(query.groups[0][0][0].op == .textQuery)
        #expect(query.groups[0][0][0].value == "printer jam")
    }

    @Test func dynamicValuesResolve() {
        let context = QueryContext(
            userID: "abc",
            userName: "abel.tuter",
            now: UTCTime(year: 2026, month: 6, day: 1, hour: 9, minute: 30)
        )
        #expect(context.resolve("javascript:gs.getUserID()") == "abc")
        #expect(context.resolve("javascript:gs.getUserName()") == "abel.tuter")
        #expect(context.resolve("javascript:gs.beginningOfToday()") == "2026-06-01 00:00:00")
        #expect(context.resolve("javascript:gs.endOfToday()") == "2026-06-01 23:59:59")
        #expect(context.resolve("javascript:gs.daysAgoStart(1)") == "2026-05-31 00:00:00")
        #expect(context.resolve("javascript:gs.dateGenerate('2026-01-02','03:04:05')") == "2026-01-02 03:04:05")
        #expect(context.resolve("javascript:gs.nope()") == "")
        #expect(context.resolve("plain") == "plain")
    }
}

@Suite struct UTCTimeTests {
    @Test func formatsAndParses() throws {
        let time = UTCTime(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 58)
        #expect(time.formatted == "2024-02-29 23:59:58")
        #expect(UTCTime(formatted: "2024-02-29 23:59:58") == time)
        #expect(UTCTime(formatted: "1969-12-31 23:59:59")?.secondsSince1970 == -1)
        #expect(UTCTime(formatted: "2024-13-01 00:00:00") == nil)
        #expect(UTCTime(formatted: "2024-02-29T23:59:58") == nil)
    }

    @Test func manualClockWakesSleepersWhenAdvanced() async throws {
        let clock = ManualClock(start: UTCTime(year: 2026, month: 1, day: 1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await clock.sleep(for: .seconds(10)) }
            while clock.sleeperCount == 0 { await Task.yield() }
            clock.advance(by: .seconds(9))
            #expect(clock.sleeperCount == 1)
            clock.advance(by: .seconds(1))
            try await group.waitForAll()
        }
        #expect(clock.now.formatted == "2026-01-01 00:00:10")
    }
}
