public import JSON

extension ServiceNowClient {
    /// Reads one page of a table.
    public func list(_ query: TableQuery) async throws(ServiceNowError) -> TablePage {
        try ServiceNowAPI.tablePage(try await perform(ServiceNowAPI.list(query)))
    }

    /// Reads one record by sys_id; `SERVICENOW_NOT_FOUND` when it is missing or hidden.
    public func record(table: String, sysID: String, fields: [String] = []) async throws(ServiceNowError) -> JSONObject
    {
        try ServiceNowAPI.singleRecord(
            try await perform(ServiceNowAPI.record(table: table, sysID: sysID, fields: fields))
        )
    }

    /// Creates one record and returns it as created (both faces of each of `fields`).
    public func create(
        table: String,
        values: JSONObject,
        fields: [String] = []
    ) async throws(ServiceNowError)
        -> JSONObject
    {
        try ServiceNowAPI.singleRecord(
            try await perform(ServiceNowAPI.create(table: table, values: values, fields: fields))
        )
    }

    /// Lists orderable catalog items.
    public func catalogItems(
        search: String?,
        limit: Int,
        offset: Int = 0
    ) async throws(ServiceNowError)
        -> [JSONObject]
    {
        try ServiceNowAPI.catalogItemList(
            try await perform(ServiceNowAPI.catalogItems(search: search, limit: limit, offset: offset))
        )
    }

    /// Reads one catalog item with its variables; `SERVICENOW_NOT_FOUND` when it does not exist or the user may not
    /// see it (the instance says 400 for both).
    public func catalogItem(sysID: String) async throws(ServiceNowError) -> JSONObject {
        do {
            return try ServiceNowAPI.singleRecord(try await perform(ServiceNowAPI.catalogItem(sysID: sysID)))
        } catch let error where error.code == .badUserInput {
            throw ServiceNowError(.notFound, "The catalog item does not exist or is not available to you.")
        }
    }

    /// Orders a catalog item for the user; `BAD_USER_INPUT` with ServiceNow's message (`Mandatory Variables are
    /// required`, `Invalid Quantity value`, …) when the instance refuses the order, in which case nothing is created.
    public func orderNow(
        itemSysID: String,
        quantity: Int,
        variables: JSONObject
    ) async throws(ServiceNowError)
        -> ServiceNowAPI.OrderConfirmation
    {
        try ServiceNowAPI.orderConfirmation(
            try await perform(ServiceNowAPI.orderNow(itemSysID: itemSysID, quantity: quantity, variables: variables))
        )
    }

    /// Searches the knowledge base.
    public func searchKnowledge(
        text: String,
        limit: Int,
        offset: Int = 0,
        fields: [String] = []
    )
        async throws(ServiceNowError) -> ServiceNowAPI.KnowledgePage
    {
        try ServiceNowAPI.knowledgePage(
            try await perform(ServiceNowAPI.knowledgeSearch(text: text, limit: limit, offset: offset, fields: fields))
        )
    }
}
