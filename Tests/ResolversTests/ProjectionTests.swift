import Testing

@testable import Resolvers

/// `sysparm_fields` from selections: only what is asked for, with dot-walks for the fields of references.
@Suite struct ProjectionTests {
    static let ticketRow = """
        id number shortDescription state { label category } priority { value label } updatedAt url
        assignedTo { name email } assignmentGroup { name }
        """

    @Test func widgetRowNeedsNoSecondRead() {
        let tree = selection(Self.ticketRow + " ... on Incident { urgency { label } }")
        let fields = TicketFields.projection(.incident, selection: tree)
        #expect(
            fields == [
                "sys_id", "number", "short_description", "state", "active", "priority", "sys_updated_on",
                "assigned_to", "assigned_to.email", "assignment_group", "urgency",
            ]
        )
    }

    @Test func dotWalkKeysAreTheFieldAndTheWalkJoined() {
        let references: [(String, TicketFields.Reference)] = TicketKind.allCases.flatMap { kind in
            TicketFields.fields(of: kind).compactMap { _, source in
                guard case .reference(let field, let reference) = source else { return nil }
                return (field, reference)
            }
        }
        #expect(references.count >= 7)
        // Every reference field of every kind, a field no kind has, and a known field asked as another reference.
        for (field, reference) in references + [("u_custom_ref", .group), ("assigned_to", .catalogItem)] {
            let keys = TicketFields.dotWalkKeys(field: field, reference: reference)
            #expect(keys.map(\.name) == reference.dotWalks.map(\.name))
            #expect(keys.map(\.key) == reference.dotWalks.map { field + "." + $0.field })
        }
    }

    @Test func typeConditionsApplyOnlyToTheirType() {
        let tree = selection("number ... on Incident { caller { email } } ... on Ticket { openedBy { userName } }")
        let incident = TicketFields.projection(.incident, selection: tree)
        let problem = TicketFields.projection(.problem, selection: tree)
        #expect(incident == ["sys_id", "number", "opened_by", "opened_by.user_name", "caller_id", "caller_id.email"])
        #expect(problem == ["sys_id", "number", "opened_by", "opened_by.user_name"])
    }

    @Test func aliasesAndRepeatsMergeIntoOneField() {
        let tree = selection("assignedTo { name } assignedTo { email } assignedTo { department title }")
        #expect(
            TicketFields.projection(.changeRequest, selection: tree)
                == ["sys_id", "assigned_to", "assigned_to.department", "assigned_to.email", "assigned_to.title"]
        )
    }

    @Test func requestItemsWalkToTheirCatalogItem() {
        let tree = selection("number quantity stage { label } catalogItem { name price category variables { name } }")
        #expect(
            TicketFields.projection(.requestItem, selection: tree)
                == ["sys_id", "number", "cat_item", "cat_item.category", "cat_item.price", "quantity", "stage"]
        )
    }

    @Test func connectionsProjectNodesAndEdgesAlike() {
        let tree = selection("totalCount edges { cursor node { number } } nodes { priority { label } }")
        let nodes = ServiceNowFields.connectionNodeSelection(tree)
        #expect(TicketFields.projection(.problem, selection: nodes) == ["sys_id", "number", "priority"])
    }

    @Test func userFieldsFollowTheSelection() {
        #expect(ServiceNowFields.userFields(selection("id name")) == ["sys_id", "name"])
        #expect(
            ServiceNowFields.userFields(selection("email department userName"))
                == ["sys_id", "name", "user_name", "email", "department"]
        )
    }
}
