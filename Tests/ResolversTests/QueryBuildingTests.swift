import JSON
import Testing

@testable import Resolvers

/// Encoded queries that user text cannot extend, the "mine" filters, state categories, cursors and page sizes.
@Suite struct QueryBuildingTests {
    @Test(arguments: [
        ("vpn", "vpn"),
        ("vpn^ORactive=false", "vpn ORactive=false"),
        ("x^NQsys_id!=0", "x NQsys_id!=0"),
        ("^ORDERBYnumber", "ORDERBYnumber"),
        ("a^^b", "a b"),
        ("tab\there\nnew\u{0}line\u{7F}\u{85}", "tab here new line"),
        ("  spaced   out  ", "spaced out"),
        ("javascript:gs.getUserID()", "javascript gs.getUserID()"),
        ("JavaScript:evil()", "javascript evil()"),
        ("not javascript:first", "not javascript:first"),
        ("^", ""),
    ])
    func userTextCannotStartATerm(_ input: String, _ expected: String) {
        let sanitized = EncodedQuery.sanitize(input)
        #expect(sanitized == expected)
        #expect(!sanitized.contains("^"))
    }

    @Test func conditionsJoinAsExpected() {
        var query = EncodedQuery()
        query.and(trusted: "caller_id=javascript:gs.getUserID()^ORopened_by=javascript:gs.getUserID()")
        query.and(EncodedQuery.Condition("active", .equals, "true"))
        query.and(anyOf: [
            EncodedQuery.Condition("number", .like, "x^ORa=b"), EncodedQuery.Condition("short_description", .like, "x"),
        ])
        query.and(EncodedQuery.Condition("state", in: ["1", "2,3^", ""]))
        query.order(by: "sys_updated_on", descending: true)
        #expect(
            query.description
                == "caller_id=javascript:gs.getUserID()^ORopened_by=javascript:gs.getUserID()^active=true"
                + "^numberLIKEx ORa=b^ORshort_descriptionLIKEx^stateIN1,23^ORDERBYDESCsys_updated_on"
        )
        #expect(!query.conditions.contains("ORDERBY"))
    }

    @Test func defaultFilterIsOpenAndMineNewestFirst() throws {
        let filter = try TicketFilter(argument: nil)
        #expect(
            filter.query(for: .incident).description
                == "caller_id=javascript:gs.getUserID()^ORopened_by=javascript:gs.getUserID()^active=true"
                + "^ORDERBYDESCsys_updated_on^ORDERBYsys_id"
        )
        #expect(
            filter.query(for: .changeRequest).description.hasPrefix(
                "requested_by=javascript:gs.getUserID()^active=true"
            )
        )
        #expect(filter.query(for: .problem).description.hasPrefix("opened_by=javascript:gs.getUserID()^active=true"))
        #expect(
            filter.query(for: .request).description.hasPrefix(
                "requested_for=javascript:gs.getUserID()^ORopened_by=javascript:gs.getUserID()^active=true"
            )
        )
    }

    @Test func filterArgumentsBecomeConditions() throws {
        let filter = try TicketFilter(argument: [
            "status": "ALL", "stateCategories": ["NEW", "ON_HOLD"], "search": "mail ^NQ",
            "updatedSince": "2026-05-04T09:12:30Z",
        ])
        let query = filter.query(for: .incident).description
        #expect(!query.contains("active="))
        #expect(query.contains("^stateIN1,3^"))
        #expect(query.contains("^sys_updated_on>=2026-05-04 09:12:30^"))
        #expect(query.contains("^numberLIKEmail NQ^ORshort_descriptionLIKEmail NQ^ORdescriptionLIKEmail NQ^"))
        #expect(
            try TicketFilter(argument: ["status": "CLOSED"]).query(for: .problem).description.contains("^active=false^")
        )
    }

    @Test func invalidFiltersAreBadUserInput() {
        let bad: [JSONValue] = [
            ["status": "SOMETIMES"], ["stateCategories": ["LOST"]], ["updatedSince": "yesterday"],
            ["updatedSince": "2026-05-04T09:12:30+02:00"], ["search": .string(String(repeating: "a", count: 201))],
            "not an object",
        ]
        for argument in bad {
            #expect(throws: ServiceNowError.self) { _ = try TicketFilter(argument: argument) }
        }
    }

    @Test func categoriesWithoutStatesMatchNothing() throws {
        let filter = try TicketFilter(argument: ["stateCategories": ["RESOLVED"]])
        #expect(filter.matchesNothing(for: .request))
        #expect(!filter.matchesNothing(for: .incident))
        #expect(!TicketFilter().matchesNothing(for: .request))
    }

    @Test func stateCategoriesPerTable() {
        #expect(TicketKind.incident.category(ofState: "6", active: true) == .resolved)
        #expect(TicketKind.incident.category(ofState: "8", active: false) == .canceled)
        #expect(TicketKind.problem.category(ofState: "103", active: true) == .inProgress)
        #expect(TicketKind.problem.category(ofState: "107", active: false) == .closed)
        #expect(TicketKind.changeRequest.category(ofState: "-5", active: true) == .new)
        #expect(TicketKind.changeRequest.category(ofState: "4", active: false) == .canceled)
        #expect(TicketKind.request.category(ofState: "-5", active: true) == .onHold)
        #expect(TicketKind.requestItem.category(ofState: "7", active: false) == .canceled)
        // A state the model does not know falls back on `active`.
        #expect(TicketKind.incident.category(ofState: "42", active: true) == .inProgress)
        #expect(TicketKind.incident.category(ofState: "42", active: false) == .closed)
        #expect(TicketKind.incident.stateValues(in: [.new, .closed]) == ["1", "7"])
    }

    @Test func ticketKindsFromNumbers() {
        #expect(TicketKind(number: "RITM0010012") == .requestItem)
        #expect(TicketKind(number: "req0010012") == .request)
        #expect(TicketKind(number: "CHG0030001") == .changeRequest)
        #expect(TicketKind(number: "KB0000020") == nil)
        #expect(ServiceNowFields.isTicketNumber("INC0010042"))
        #expect(!ServiceNowFields.isTicketNumber("INC0010042^ORactive=true"))
        #expect(!ServiceNowFields.isTicketNumber("0010042"))
        #expect(!ServiceNowFields.isTicketNumber("INC"))
    }

    @Test func cursorsAreBoundToTheirList() throws {
        let paging = try Paging(first: 5, after: nil, defaultFirst: 20, scope: "incident|a")
        #expect(paging.first == 5)
        #expect(paging.offset == 0)
        let cursor = paging.cursor(after: 15)
        let next = try Paging(first: nil, after: .string(cursor), defaultFirst: 20, scope: "incident|a")
        #expect(next.offset == 15)
        #expect(next.first == 20)
        let error = #expect(throws: ServiceNowError.self) {
            _ = try Paging(first: 5, after: .string(cursor), defaultFirst: 20, scope: "incident|b")
        }
        #expect(error?.code == .badUserInput)
        for forged in ["", "garbage", "djE6LTE6MDAwMDAwMDAwMDAwMDAwMA", Base64.encodeURL(Array("v1:5".utf8))] {
            #expect(throws: ServiceNowError.self) {
                _ = try Paging(first: 5, after: .string(forged), defaultFirst: 20, scope: "incident|a")
            }
        }
    }

    @Test(arguments: [0, -1, 101, 1000])
    func firstOutsideOneToHundredIsRefused(_ first: Int) {
        let error = #expect(throws: ServiceNowError.self) {
            _ = try Paging(first: .int(first), after: nil, defaultFirst: 20, scope: "x")
        }
        #expect(error?.code == .badUserInput)
    }

    @Test func globalIDsRoundTripAndRefuseStrangers() throws {
        let sysID = "0123456789abcdef0123456789abcdef"
        let id = GlobalID(table: "incident", sysID: sysID)
        let decoded = try #require(GlobalID(id.description))
        #expect(decoded == id)
        #expect(decoded.typeName == "Incident")
        #expect(!id.description.contains("="))
        #expect(GlobalID(Base64.encodeURL(Array("sys_user_has_role:\(sysID)".utf8))) == nil)
        #expect(GlobalID(Base64.encodeURL(Array("incident:\(sysID)^ORx".utf8))) == nil)
        #expect(GlobalID("not base64!") == nil)
    }

    @Test func dateTimesConvertBothWays() {
        #expect(ServiceNowDateTime.isoString(fromStored: "2026-05-04 09:12:30") == "2026-05-04T09:12:30Z")
        #expect(ServiceNowDateTime.isoString(fromStored: "2026-05-04") == "2026-05-04T00:00:00Z")
        #expect(ServiceNowDateTime.isoString(fromStored: "") == nil)
        #expect(ServiceNowDateTime.isoString(fromStored: "2026-13-04 09:12:30") == nil)
        #expect(ServiceNowDateTime.stored(fromISO: "2026-05-04T09:12:30Z") == "2026-05-04 09:12:30")
        #expect(ServiceNowDateTime.stored(fromISO: "2026-05-04T09:12:30.250Z") == "2026-05-04 09:12:30")
        #expect(ServiceNowDateTime.stored(fromISO: "2026-05-04T09:12:30+02:00") == nil)
    }

    @Test func base64RoundTrips() {
        for text in ["", "a", "ab", "abc", "abcd", "héllo wörld", "\u{0}\u{FF}"] {
            let bytes = Array(text.utf8)
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
            #expect(Base64.decodeURL(Base64.encodeURL(bytes)) == bytes)
        }
        #expect(Base64.encode(Array("hello".utf8)) == "aGVsbG8=")
        #expect(Base64.decode("aGVs\r\nbG8=") == Array("hello".utf8))
        #expect(Base64.decode("aGVsbG8=x") == nil)
        #expect(Base64.decode("a") == nil)
    }

    @Test func plainTextFromSnippets() {
        #expect(PlainText.fromHTML("Reset your <b>VPN</b>&nbsp;token &amp; retry") == "Reset your VPN token & retry")
        #expect(PlainText.fromHTML("<p>one</p><p>two</p>") == "one two")
        #expect(PlainText.fromHTML("a &unknown; b & c &#65;") == "a &unknown; b & c A")
    }
}
