import JSON
import Synchronization

/// The Knowledge Management API under `/api/sn_km_api/knowledge/` (§7.1): ranked search over the articles the
/// caller may read, and one article by sys_id or KB number. `featured`, `most_viewed` and attachments are not
/// implemented and answer as unknown resources.
struct KnowledgeAPI: Sendable {
    let instance: Instance

    func handle(_ request: APIRequest, caller: Caller, path: [String]) -> APIResponse {
        guard request.method == "GET", path.first == "articles" else { return .unknownResource }
        switch path.count {
        case 1: return search(request, caller: caller)
        case 2 where path[1] != "featured" && path[1] != "most_viewed":
            return article(request, id: path[1], caller: caller)
        default: return .unknownResource
        }
    }

    /// The `fields` parameter: a comma list, possibly repeated.
    private func requestedFields(_ request: APIRequest) -> [String] {
        request.query.filter { $0.name == "fields" }.flatMap { $0.value.split(separator: ",") }
            .map { String($0.trimmingSpaces()) }.filter { !$0.isEmpty }
    }

    private func search(_ request: APIRequest, caller: Caller) -> APIResponse {
        let queryText = request.parameter("query") ?? ""
        let filter = request.parameter("filter") ?? ""
        let kbs = (request.parameter("kb") ?? "").split(separator: ",").map { String($0.trimmingSpaces()) }
        let language = request.parameter("language") ?? "en"
        let limit = max(0, request.parameter("limit").flatMap(Int.init) ?? 30)
        let offset = max(0, request.parameter("offset").flatMap(Int.init) ?? 0)
        let fields = requestedFields(request)
        let words = queryText.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let context = QueryContext(userID: caller.userID, userName: caller.userName, now: instance.clock.now)
        let today = instance.clock.now.formattedDate
        var random = SystemRandomNumberGenerator()
        let searchID = (0..<4).map { _ in String(random.next() & 0xFFFF_FFFF, radix: 16) }.joined()
            .padding(toLength: 32)
        return instance.database.withLock { database -> APIResponse in
            let bound = BoundQuery(
                QueryParser.parse(filter),
                table: "kb_knowledge",
                database: database,
                context: context
            )
            var hits: [(record: Record, score: Double, text: String)] = []
            for record in database.records(in: "kb_knowledge") {
                // The KM API serves what a reader sees: published, active, still valid, and allowed by the rules.
                guard record["workflow_state"] == "published", record["active"] == "true",
                    record["valid_to"].isEmpty || record["valid_to"] >= today,
                    AccessPolicy.canRead(record, in: "kb_knowledge", caller: caller, database: database),
                    bound.matches(record, database: database),
                    kbs.isEmpty || kbs.contains(record["kb_knowledge_base"])
                else { continue }
                let text = HTMLText.plain(record["text"])
                let score = Self.score(words: words, title: record["short_description"], text: text)
                if !words.isEmpty, score == 0 { continue }
                hits.append((record, score, text))
            }
            hits.sort { a, b in
                if a.score != b.score { return a.score > b.score }
                return a.record["number"] < b.record["number"]
            }
            let page = Array(hits.dropFirst(offset).prefix(limit))
            let articles: [JSONValue] = page.enumerated().map { index, hit in
                let rank = offset + index + 1
                let id = hit.record.sysID
                return [
                    "link": .string(
                        "?sys_kb_id=\(id)&id=kb_article_view&sysparm_rank=\(rank)&sysparm_tsqueryId=\(searchID)"
                    ),
                    "rank": .int(rank),
                    "id": .string("kb_knowledge:\(id)"),
                    "title": .string(hit.record["short_description"]),
                    "snippet": .string(Self.snippet(hit.text, words: words)),
                    "score": .double(hit.score),
                    "number": .string(hit.record["number"]),
                    "fields": .object(fieldsJSON(hit.record, fields: fields, database: database)),
                ]
            }
            let meta: JSONValue = [
                "start": .int(offset),
                "end": .int(offset + articles.count),
                "fields": .string(fields.joined(separator: ",")),
                "query": .string(queryText),
                "filter": .string(filter),
                "kb": .string(kbs.joined(separator: ",")),
                "language": .string(language),
                "count": .int(hits.count),
                "ts_query_id": .string(searchID),
                "status": ["code": 200],
            ]
            return .result(["meta": meta, "articles": .array(articles)])
        }
    }

    private func article(_ request: APIRequest, id: String, caller: Caller) -> APIResponse {
        let fields = requestedFields(request)
        return instance.database.withLock { database -> APIResponse in
            let found =
                database.record(in: "kb_knowledge", sysID: id)?.record
                ?? database.records(in: "kb_knowledge").first { $0["number"] == id }
            guard let record = found,
                AccessPolicy.canRead(record, in: "kb_knowledge", caller: caller, database: database)
            else { return .noRecord }
            return .result([
                "content": .string(record["text"]),
                "template": false,
                "sys_id": .string(record.sysID),
                "short_description": .string(record["short_description"]),
                "display_attachments": false,
                "attachments": [],
                "embedded_content": [],
                "fields": .object(fieldsJSON(record, fields: fields, database: database)),
                "number": .string(record["number"]),
                "language": .string(record["language"].isEmpty ? "en" : record["language"]),
                "languages": [
                    ["display_value": "English", "language": "en", "sys_id": .string(record.sysID), "active": true]
                ],
            ])
        }
    }

    private func fieldsJSON(_ record: Record, fields: [String], database: Database) -> JSONObject {
        var object = JSONObject()
        let renderer = RecordRenderer.plain
        for name in fields {
            guard let path = FieldPath(name, from: "kb_knowledge", in: database) else { continue }
            let value = path.value(in: record, database: database)
            let display: String
            if let target = path.definition.type.referencedTable {
                display = database.displayValue(table: target, sysID: value)
            } else {
                display = renderer.displayValue(value, definition: path.definition, database: database)
            }
            object[name] = [
                "display_value": .string(display), "name": .string(name), "label": .string(path.definition.label),
                "type": .string(path.definition.type.internalTypeName), "value": .string(value),
            ]
        }
        return object
    }

    /// A relevance score: title hits weigh more than body hits; every query word must appear somewhere.
    static func score(words: [String], title: String, text: String) -> Double {
        guard !words.isEmpty else { return 0 }
        let title = title.lowercased()
        let body = text.lowercased()
        var score = 0.0
        for word in words {
            let inTitle = occurrences(of: word, in: title)
            let inBody = occurrences(of: word, in: body)
            if inTitle + inBody == 0 { return 0 }
            score += Double(inTitle) * 5 + Double(min(inBody, 10))
        }
        return (score * 1000 / Double(max(1, body.count / 200 + 1))).rounded() / 1000
    }

    private static func occurrences(of word: String, in text: String) -> Int {
        text.ranges(of: word).count
    }

    /// About 160 characters of plain text around the first query word.
    static func snippet(_ text: String, words: [String]) -> String {
        let lowered = text.lowercased()
        var start = lowered.startIndex
        if let word = words.first(where: { lowered.contains($0) }), let range = lowered.firstRange(of: word) {
            start = lowered.index(range.lowerBound, offsetBy: -60, limitedBy: lowered.startIndex) ?? lowered.startIndex
        }
        let offset = lowered.distance(from: lowered.startIndex, to: start)
        let characters = Array(text)
        let end = min(characters.count, offset + 160)
        var snippet = String(characters[offset..<end])
        if offset > 0 { snippet = "..." + snippet }
        if end < characters.count { snippet += "..." }
        return snippet
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? String(prefix(length)) : self + String(repeating: "0", count: length - count)
    }
}
