import JSON
import Schema

/// The data both engines execute generated documents over: a JSON root value for `conformance.graphql`, read by
/// the default resolvers only (graphql-core's reads dictionary keys, ours reads `JSONObject` keys, and both pick
/// an abstract type's object type from `__typename`), and variable values made from an operation's definitions.
///
/// The data is deliberately imperfect in places — a null in a non-null field, a value an enum or Int cannot
/// serialize — so that null propagation and result coercion errors are compared too.
enum ExecutionFixture {
    static let root: JSONValue = {
        let address: JSONValue = ["street": "1 Main St", "city": "Springfield", "zip": nil, "geo": [1.5, -2]]
        let carol: JSONValue = [
            "id": "p3", "name": "Carol", "age": 41, "email": nil, "friends": [], "pets": nil, "bestFriend": nil,
            "favoriteColor": "PURPLE", "tags": ["x"], "matrix": [], "address": ["city": nil],
            "createdAt": "2020-05-06",
        ]
        let bob: JSONValue = [
            "id": "p2", "name": "Bob", "age": "old", "email": "bob@example.com", "friends": [carol],
            "pets": [], "bestFriend": carol, "favoriteColor": "GREEN", "tags": nil, "matrix": [[3]],
            "address": address, "createdAt": "2021-01-01",
        ]
        let rex: JSONValue = [
            "__typename": "Dog", "id": "d1", "name": "Rex", "legs": 4, "barkVolume": 11, "isGoodBoy": true,
            "doesKnow": true, "owner": bob,
        ]
        let tom: JSONValue = [
            "__typename": "Cat", "id": "c1", "name": "Tom", "legs": 4, "lives": 9, "furColor": "BLUE",
            "meows": false, "owner": nil,
        ]
        let tweety: JSONValue = [
            "__typename": "Bird", "id": "b1", "name": "Tweety", "legs": 2, "wingspan": 0.25, "canFly": nil,
            "owner": carol,
        ]
        let alice: JSONValue = [
            "__typename": "Person", "id": "p1", "name": "Alice", "age": 30, "email": "alice@example.com",
            "friends": [bob, carol], "pets": [rex, tom, nil, tweety], "bestFriend": bob, "favoriteColor": "RED",
            "tags": ["a", "b"], "matrix": [[1, nil], [2]], "address": address, "createdAt": "2019-12-31",
            "search": [["__typename": "Dog", "id": "d1", "name": "Rex", "isGoodBoy": true]],
        ]
        let company: JSONValue = [
            "__typename": "Company", "id": "co1", "name": "Acme", "createdAt": "2000-01-01", "size": "LARGE",
            "employees": [alice, nil, bob], "ceo": alice,
        ]
        return [
            "node": alice, "person": alice, "people": [alice, bob, carol], "pet": rex,
            "animals": [rex, tom, tweety, nil], "search": [alice, rex, tom, company],
            "company": company, "echo": "echo", "required": 7, "matrix": [[1, 2], [3]], "version": "1.0",
            "createPerson": carol, "deletePerson": true, "renamePet": tom,
        ]
    }()

    /// Values for an operation's variables: mostly valid, sometimes missing, sometimes of the wrong type.
    static func variables(
        for operation: OperationDefinition,
        schema: GraphQLSchema,
        random: inout SeededRandom
    ) -> JSONObject {
        var values = JSONObject()
        for definition in operation.variableDefinitions {
            guard let type = schema.type(from: definition.type) else { continue }
            let roll = random.below(100)
            if roll < 12 { continue }
            values[definition.variable.name.value] = roll < 20 ? wrongValue(type) : value(type, schema, &random, 0)
        }
        return values
    }

    private static func value(
        _ type: GraphQLType,
        _ schema: GraphQLSchema,
        _ random: inout SeededRandom,
        _ depth: Int
    ) -> JSONValue {
        switch type {
        case .nonNull(let inner):
            return value(inner, schema, &random, depth)
        case .list(let inner):
            if random.percent(20) { return value(inner, schema, &random, depth + 1) }
            return .array((0..<random.int(0...2)).map { _ in value(inner, schema, &random, depth + 1) })
        case .named(let reference):
            switch schema[reference] {
            case .scalar(let scalar):
                switch scalar.name {
                case "Int": return .int(random.int(-3...300))
                case "Float": return random.percent(50) ? .double(2.5) : .int(4)
                case "Boolean": return .bool(random.percent(50))
                case "ID": return random.percent(50) ? "id-1" : .int(12)
                case "DateTime": return "2025-06-07T08:09:10Z"
                default: return "2025-06-07"
                }
            case .enumType(let enumType):
                return .string(random.pick(enumType.values).name)
            case .inputObject(let input):
                var object = JSONObject()
                if input.isOneOf, let field = random.maybePick(input.fields) {
                    object[field.name] = value(.nonNull(field.type.nullableType), schema, &random, depth + 1)
                    return .object(object)
                }
                for field in input.fields where field.isRequired || (depth < 2 && random.percent(40)) {
                    object[field.name] = value(field.type, schema, &random, depth + 1)
                }
                return .object(object)
            default:
                return .null
            }
        }
    }

    private static func wrongValue(_ type: GraphQLType) -> JSONValue {
        switch type.namedType.name {
        case "String", "ID", "Date", "DateTime": return .array([.object([:])])
        default: return "wrong"
        }
    }
}
