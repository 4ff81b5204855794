/// The dictionary of every table the simulator serves: the fields the reference (§8.3) lists for each, with the
/// base instance's choice lists (§8.4).
enum DataDictionary {
    static let priorityChoices = [
        Choice("1", "1 - Critical"), Choice("2", "2 - High"), Choice("3", "3 - Moderate"), Choice("4", "4 - Low"),
        Choice("5", "5 - Planning"),
    ]
    static let impactChoices = [Choice("1", "1 - High"), Choice("2", "2 - Medium"), Choice("3", "3 - Low")]
    static let taskStateChoices = [
        Choice("-5", "Pending"), Choice("1", "Open"), Choice("2", "Work in Progress"), Choice("3", "Closed Complete"),
        Choice("4", "Closed Incomplete"), Choice("7", "Closed Skipped"),
    ]
    static let incidentStateChoices = [
        Choice("1", "New"), Choice("2", "In Progress"), Choice("3", "On Hold"), Choice("6", "Resolved"),
        Choice("7", "Closed"), Choice("8", "Canceled"),
    ]
    static let problemStateChoices = [
        Choice("101", "New"), Choice("102", "Assess"), Choice("103", "Root Cause Analysis"),
        Choice("104", "Fix in Progress"), Choice("106", "Resolved"), Choice("107", "Closed"),
    ]
    static let changeStateChoices = [
        Choice("-5", "New"), Choice("-4", "Assess"), Choice("-3", "Authorize"), Choice("-2", "Scheduled"),
        Choice("-1", "Implement"), Choice("0", "Review"), Choice("3", "Closed"), Choice("4", "Canceled"),
    ]
    static let approvalChoices = [
        Choice("not requested", "Not Yet Requested"), Choice("requested", "Requested"),
        Choice("approved", "Approved"), Choice("rejected", "Rejected"),
    ]
    static let contactTypeChoices = [
        Choice("email", "Email"), Choice("phone", "Phone"), Choice("self-service", "Self-service"),
        Choice("virtual_agent", "Virtual Agent"), Choice("walk-in", "Walk-in"),
    ]
    static let classChoices = [
        Choice("incident", "Incident"), Choice("sc_request", "Request"), Choice("sc_req_item", "Requested Item"),
        Choice("sc_task", "Catalog Task"), Choice("change_request", "Change Request"), Choice("problem", "Problem"),
    ]
    static let workflowStateChoices = [
        Choice("draft", "Draft"), Choice("review", "Review"), Choice("scheduled_publish", "Scheduled for publish"),
        Choice("published", "Published"), Choice("pending_retirement", "Pending retirement"),
        Choice("retired", "Retired"), Choice("outdated", "Outdated"),
    ]

    /// The task states whose records are inactive, per table (§8.4).
    static func inactiveStates(of table: String) -> Set<String> {
        switch table {
        case "incident": ["6", "7", "8"]
        case "problem": ["106", "107"]
        case "change_request": ["3", "4"]
        default: ["3", "4", "7"]
        }
    }

    /// Fields every record has.
    static let systemFields: [FieldDefinition] = [
        FieldDefinition("sys_id", .sysID, label: "Sys ID"),
        FieldDefinition("sys_created_on", .dateTime, label: "Created"),
        FieldDefinition("sys_created_by", label: "Created by"),
        FieldDefinition("sys_updated_on", .dateTime, label: "Updated"),
        FieldDefinition("sys_updated_by", label: "Updated by"),
        FieldDefinition("sys_mod_count", .integer, label: "Updates"),
    ]

    /// The fields of `task` (§8.3), with the state choices of the extending table.
    static func taskFields(stateChoices: [Choice]) -> [FieldDefinition] {
        [
            FieldDefinition("number"),
            FieldDefinition("short_description"),
            FieldDefinition("description"),
            FieldDefinition("state", .integer, choices: stateChoices),
            FieldDefinition("active", .boolean),
            FieldDefinition("priority", .integer, choices: priorityChoices),
            FieldDefinition("impact", .integer, choices: impactChoices),
            FieldDefinition("urgency", .integer, choices: impactChoices),
            FieldDefinition("assigned_to", .reference(table: "sys_user")),
            FieldDefinition("assignment_group", .reference(table: "sys_user_group")),
            FieldDefinition("opened_by", .reference(table: "sys_user")),
            FieldDefinition("opened_at", .dateTime, label: "Opened"),
            FieldDefinition("closed_at", .dateTime, label: "Closed"),
            FieldDefinition("closed_by", .reference(table: "sys_user")),
            FieldDefinition("due_date", .dateTime, label: "Due date"),
            FieldDefinition("sys_class_name", label: "Task type", choices: classChoices),
            FieldDefinition("comments", .journal, label: "Additional comments"),
            FieldDefinition("work_notes", .journal),
            FieldDefinition("watch_list", .list(table: "sys_user")),
            FieldDefinition("approval", choices: approvalChoices),
            FieldDefinition("contact_type", choices: contactTypeChoices),
            FieldDefinition("location", .reference(table: "cmn_location")),
            FieldDefinition("parent", .reference(table: "task")),
            FieldDefinition("reassignment_count", .integer),
            FieldDefinition(
                "escalation",
                .integer,
                choices: [
                    Choice("0", "Normal"), Choice("1", "Moderate"), Choice("2", "High"), Choice("3", "Overdue"),
                ]
            ),
        ] + systemFields
    }

    static let all: [TableSchema] = [
        TableSchema(
            name: "sys_user",
            label: "User",
            displayField: "name",
            fields: [
                FieldDefinition("user_name", label: "User ID"),
                FieldDefinition("name"),
                FieldDefinition("first_name"),
                FieldDefinition("last_name"),
                FieldDefinition("email"),
                FieldDefinition("title"),
                FieldDefinition("department", .reference(table: "cmn_department")),
                FieldDefinition("location", .reference(table: "cmn_location")),
                FieldDefinition("manager", .reference(table: "sys_user")),
                FieldDefinition("phone", label: "Business phone"),
                FieldDefinition("mobile_phone"),
                FieldDefinition("active", .boolean),
                FieldDefinition("vip", .boolean, label: "VIP"),
                FieldDefinition("locked_out", .boolean),
                FieldDefinition("time_zone"),
                FieldDefinition("employee_number"),
            ] + systemFields
        ),
        TableSchema(
            name: "sys_user_group",
            label: "Group",
            displayField: "name",
            fields: [
                FieldDefinition("name"),
                FieldDefinition("description"),
                FieldDefinition("manager", .reference(table: "sys_user")),
                FieldDefinition("email", label: "Group email"),
                FieldDefinition("active", .boolean),
                FieldDefinition("parent", .reference(table: "sys_user_group")),
            ] + systemFields
        ),
        TableSchema(
            name: "sys_user_grmember",
            label: "Group Member",
            displayField: "user",
            fields: [
                FieldDefinition("user", .reference(table: "sys_user")),
                FieldDefinition("group", .reference(table: "sys_user_group")),
            ] + systemFields
        ),
        TableSchema(
            name: "cmn_department",
            label: "Department",
            displayField: "name",
            fields: [
                FieldDefinition("name"),
                FieldDefinition("id", label: "ID"),
                FieldDefinition("description"),
                FieldDefinition("dept_head", .reference(table: "sys_user"), label: "Department head"),
            ] + systemFields
        ),
        TableSchema(
            name: "cmn_location",
            label: "Location",
            displayField: "name",
            fields: [
                FieldDefinition("name"),
                FieldDefinition("street"),
                FieldDefinition("city"),
                FieldDefinition("state", label: "State / Province"),
                FieldDefinition("country"),
                FieldDefinition("time_zone"),
            ] + systemFields
        ),
        TableSchema(
            name: "task",
            label: "Task",
            displayField: "number",
            numberPrefix: "TASK",
            fields: taskFields(stateChoices: taskStateChoices)
        ),
        TableSchema(
            name: "incident",
            label: "Incident",
            parent: "task",
            displayField: "number",
            numberPrefix: "INC",
            fields: taskFields(stateChoices: incidentStateChoices) + [
                FieldDefinition("caller_id", .reference(table: "sys_user"), label: "Caller"),
                FieldDefinition(
                    "category",
                    choices: [
                        Choice("inquiry", "Inquiry / Help"), Choice("software", "Software"),
                        Choice("hardware", "Hardware"), Choice("network", "Network"), Choice("database", "Database"),
                    ]
                ),
                FieldDefinition("subcategory"),
                FieldDefinition("incident_state", .integer, choices: incidentStateChoices),
                FieldDefinition(
                    "hold_reason",
                    .integer,
                    label: "On hold reason",
                    choices: [
                        Choice("1", "Awaiting Caller"), Choice("3", "Awaiting Problem"), Choice("4", "Awaiting Vendor"),
                        Choice("5", "Awaiting Change"),
                    ]
                ),
                FieldDefinition("resolved_at", .dateTime, label: "Resolved"),
                FieldDefinition("resolved_by", .reference(table: "sys_user")),
                FieldDefinition(
                    "close_code",
                    label: "Resolution code",
                    choices: [
                        Choice("Duplicate", "Duplicate"), Choice("Known error", "Known error"),
                        Choice("No resolution provided", "No resolution provided"),
                        Choice("Resolved by caller", "Resolved by caller"),
                        Choice("Resolved by change", "Resolved by change"),
                        Choice("Resolved by problem", "Resolved by problem"),
                        Choice("Solution provided", "Solution provided"),
                        Choice("Workaround provided", "Workaround provided"), Choice("User error", "User error"),
                    ]
                ),
                FieldDefinition("close_notes", label: "Resolution notes"),
                FieldDefinition("problem_id", .reference(table: "problem"), label: "Problem"),
                FieldDefinition("parent_incident", .reference(table: "incident")),
                FieldDefinition("reopen_count", .integer),
                FieldDefinition(
                    "severity",
                    .integer,
                    choices: [
                        Choice("1", "1 - High"), Choice("2", "2 - Medium"), Choice("3", "3 - Low"),
                    ]
                ),
                FieldDefinition(
                    "notify",
                    .integer,
                    choices: [
                        Choice("1", "Do Not Notify"), Choice("2", "Send Email"),
                    ]
                ),
            ]
        ),
        TableSchema(
            name: "problem",
            label: "Problem",
            parent: "task",
            displayField: "number",
            numberPrefix: "PRB",
            fields: taskFields(stateChoices: problemStateChoices) + [
                FieldDefinition("problem_state", .integer, choices: problemStateChoices),
                FieldDefinition(
                    "category",
                    choices: [
                        Choice("software", "Software"), Choice("hardware", "Hardware"), Choice("network", "Network"),
                        Choice("database", "Database"),
                    ]
                ),
                FieldDefinition("known_error", .boolean),
                FieldDefinition("cause_notes"),
                FieldDefinition("fix_notes"),
                FieldDefinition(
                    "resolution_code",
                    choices: [
                        Choice("fix_applied", "Fix Applied"), Choice("risk_accepted", "Risk Accepted"),
                        Choice("canceled", "Canceled"), Choice("duplicate", "Duplicate"),
                    ]
                ),
                FieldDefinition("duplicate_of", .reference(table: "problem")),
            ]
        ),
        TableSchema(
            name: "change_request",
            label: "Change Request",
            parent: "task",
            displayField: "number",
            numberPrefix: "CHG",
            fields: taskFields(stateChoices: changeStateChoices) + [
                FieldDefinition("requested_by", .reference(table: "sys_user")),
                FieldDefinition(
                    "type",
                    choices: [
                        Choice("standard", "Standard"), Choice("normal", "Normal"), Choice("emergency", "Emergency"),
                    ]
                ),
                FieldDefinition(
                    "risk",
                    .integer,
                    choices: [
                        Choice("1", "Very High"), Choice("2", "High"), Choice("3", "Moderate"), Choice("4", "Low"),
                    ]
                ),
                FieldDefinition(
                    "category",
                    choices: [
                        Choice("Hardware", "Hardware"), Choice("Software", "Software"), Choice("Network", "Network"),
                        Choice("Service", "Service"), Choice("Other", "Other"),
                    ]
                ),
                FieldDefinition("start_date", .dateTime, label: "Planned start date"),
                FieldDefinition("end_date", .dateTime, label: "Planned end date"),
                FieldDefinition("implementation_plan"),
                FieldDefinition("backout_plan"),
                FieldDefinition("test_plan"),
                FieldDefinition("cab_required", .boolean, label: "CAB required"),
                FieldDefinition("on_hold", .boolean),
            ]
        ),
        TableSchema(
            name: "sc_request",
            label: "Request",
            parent: "task",
            displayField: "number",
            numberPrefix: "REQ",
            fields: taskFields(stateChoices: taskStateChoices) + [
                FieldDefinition("requested_for", .reference(table: "sys_user")),
                FieldDefinition(
                    "request_state",
                    choices: [
                        Choice("requested", "Pending Approval"), Choice("in_process", "Approved"),
                        Choice("closed_complete", "Closed Complete"), Choice("closed_incomplete", "Closed Incomplete"),
                        Choice("closed_cancelled", "Closed Cancelled"), Choice("closed_rejected", "Closed Rejected"),
                    ]
                ),
                FieldDefinition("stage", choices: stageChoices),
                FieldDefinition("price", .decimal),
                FieldDefinition("special_instructions"),
                FieldDefinition("delivery_address"),
            ]
        ),
        TableSchema(
            name: "sc_req_item",
            label: "Requested Item",
            parent: "task",
            displayField: "number",
            numberPrefix: "RITM",
            fields: taskFields(stateChoices: taskStateChoices) + [
                FieldDefinition("request", .reference(table: "sc_request")),
                FieldDefinition("cat_item", .reference(table: "sc_cat_item"), label: "Item"),
                FieldDefinition("quantity", .integer),
                FieldDefinition("requested_for", .reference(table: "sys_user")),
                FieldDefinition("stage", choices: stageChoices),
                FieldDefinition("price", .decimal),
                FieldDefinition("recurring_price", .decimal),
            ]
        ),
        TableSchema(
            name: "sc_task",
            label: "Catalog Task",
            parent: "task",
            displayField: "number",
            numberPrefix: "SCTASK",
            fields: taskFields(stateChoices: taskStateChoices) + [
                FieldDefinition("request_item", .reference(table: "sc_req_item"), label: "Request item"),
                FieldDefinition("request", .reference(table: "sc_request")),
            ]
        ),
        TableSchema(
            name: "sys_journal_field",
            label: "Journal Entry",
            displayField: "value",
            fields: [
                FieldDefinition("element_id", label: "Element ID"),
                FieldDefinition("element"),
                FieldDefinition("name", label: "Table name"),
                FieldDefinition("value"),
            ] + systemFields
        ),
        TableSchema(
            name: "kb_knowledge_base",
            label: "Knowledge Base",
            displayField: "title",
            fields: [
                FieldDefinition("title"),
                FieldDefinition("description"),
                FieldDefinition("owner", .reference(table: "sys_user")),
                FieldDefinition("active", .boolean),
            ] + systemFields
        ),
        TableSchema(
            name: "kb_category",
            label: "Category",
            displayField: "label",
            fields: [
                FieldDefinition("label", label: "Title"),
                FieldDefinition("kb_knowledge_base", .reference(table: "kb_knowledge_base"), label: "Knowledge base"),
                FieldDefinition("active", .boolean),
            ] + systemFields
        ),
        TableSchema(
            name: "kb_knowledge",
            label: "Knowledge",
            displayField: "number",
            numberPrefix: "KB",
            fields: [
                FieldDefinition("number"),
                FieldDefinition("short_description"),
                FieldDefinition("text", .html, label: "Article body"),
                FieldDefinition("workflow_state", choices: workflowStateChoices),
                FieldDefinition("kb_knowledge_base", .reference(table: "kb_knowledge_base"), label: "Knowledge base"),
                FieldDefinition("kb_category", .reference(table: "kb_category"), label: "Category"),
                FieldDefinition("author", .reference(table: "sys_user")),
                FieldDefinition("published", .date),
                FieldDefinition("valid_to", .date),
                FieldDefinition("sys_view_count", .integer, label: "View count"),
                FieldDefinition("active", .boolean),
                FieldDefinition("latest", .boolean),
                FieldDefinition("article_type", choices: [Choice("text", "HTML"), Choice("wiki", "Wiki")]),
                FieldDefinition("language", choices: [Choice("en", "English")]),
                FieldDefinition("meta", label: "Meta"),
                FieldDefinition("sys_class_name", label: "Class", choices: [Choice("kb_knowledge", "Knowledge")]),
            ] + systemFields
        ),
        TableSchema(
            name: "sc_catalog",
            label: "Catalog",
            displayField: "title",
            fields: [
                FieldDefinition("title"),
                FieldDefinition("description"),
                FieldDefinition("active", .boolean),
            ] + systemFields
        ),
        TableSchema(
            name: "sc_category",
            label: "Category",
            displayField: "title",
            fields: [
                FieldDefinition("title"),
                FieldDefinition("description"),
                FieldDefinition("sc_catalog", .reference(table: "sc_catalog"), label: "Catalog"),
                FieldDefinition("parent", .reference(table: "sc_category")),
                FieldDefinition("active", .boolean),
                FieldDefinition("order", .integer),
            ] + systemFields
        ),
        TableSchema(
            name: "sc_cat_item",
            label: "Catalog Item",
            displayField: "name",
            fields: [
                FieldDefinition("name"),
                FieldDefinition("short_description"),
                FieldDefinition("description", .html),
                FieldDefinition("category", .reference(table: "sc_category")),
                FieldDefinition("sc_catalogs", .list(table: "sc_catalog"), label: "Catalogs"),
                FieldDefinition("price", .decimal),
                FieldDefinition("recurring_price", .decimal),
                FieldDefinition(
                    "recurring_frequency",
                    choices: [
                        Choice("monthly", "Monthly"), Choice("yearly", "Annually"),
                    ]
                ),
                FieldDefinition("active", .boolean),
                FieldDefinition("order", .integer),
                FieldDefinition("picture"),
                FieldDefinition(
                    "sys_class_name",
                    label: "Class",
                    choices: [
                        Choice("sc_cat_item", "Catalog Item"), Choice("sc_cat_item_producer", "Record Producer"),
                    ]
                ),
            ] + systemFields
        ),
        TableSchema(
            name: "item_option_new",
            label: "Variable",
            displayField: "question_text",
            fields: [
                FieldDefinition("cat_item", .reference(table: "sc_cat_item"), label: "Catalog item"),
                FieldDefinition("name"),
                FieldDefinition("question_text"),
                FieldDefinition(
                    "type",
                    .integer,
                    choices: VariableKind.allCases.map { Choice(String($0.rawValue), $0.label) }
                ),
                FieldDefinition("mandatory", .boolean),
                FieldDefinition("order", .integer),
                FieldDefinition("default_value"),
                FieldDefinition("help_text"),
                FieldDefinition("active", .boolean),
            ] + systemFields
        ),
        TableSchema(
            name: "question_choice",
            label: "Question Choice",
            displayField: "text",
            fields: [
                FieldDefinition("question", .reference(table: "item_option_new")),
                FieldDefinition("value"),
                FieldDefinition("text"),
                FieldDefinition("order", .integer),
            ] + systemFields
        ),
        TableSchema(
            name: "sc_item_option",
            label: "Options",
            displayField: "value",
            fields: [
                FieldDefinition("item_option_new", .reference(table: "item_option_new"), label: "Question"),
                FieldDefinition("value"),
            ] + systemFields
        ),
        TableSchema(
            name: "sc_item_option_mtom",
            label: "Variable Ownership",
            displayField: "sc_item_option",
            fields: [
                FieldDefinition("request_item", .reference(table: "sc_req_item"), label: "Parent Item"),
                FieldDefinition("sc_item_option", .reference(table: "sc_item_option"), label: "Dependent Item"),
            ] + systemFields
        ),
    ]

    static let stageChoices = [
        Choice("waiting_for_approval", "Waiting for Approval"), Choice("request_approved", "Request Approved"),
        Choice("fulfillment", "Fulfillment"), Choice("delivery", "Delivery"), Choice("completed", "Completed"),
        Choice("closed_incomplete", "Closed Incomplete"),
    ]
}

/// Catalog variable types as `item_option_new.type` stores them, with the Service Catalog API's friendly names.
enum VariableKind: Int, CaseIterable, Sendable {
    case yesNo = 1
    case multiLineText = 2
    case multipleChoice = 3
    case selectBox = 5
    case singleLineText = 6
    case checkBox = 7
    case reference = 8
    case date = 9

    var label: String {
        switch self {
        case .yesNo: "Yes / No"
        case .multiLineText: "Multi Line Text"
        case .multipleChoice: "Multiple Choice"
        case .selectBox: "Select Box"
        case .singleLineText: "Single Line Text"
        case .checkBox: "CheckBox"
        case .reference: "Reference"
        case .date: "Date"
        }
    }

    var friendlyType: String {
        switch self {
        case .yesNo: "yes_no"
        case .multiLineText: "multi_line_text"
        case .multipleChoice: "multiple_choice"
        case .selectBox: "select_box"
        case .singleLineText: "single_line_text"
        case .checkBox: "check_box"
        case .reference: "reference"
        case .date: "date"
        }
    }
}
