import Schema
import Testing

/// graphql-js's test vectors for every validation rule, each run with its rule alone (see ``ValidationVector``).
@Suite struct ValidationVectorTests {
    @Test func everyRuleHasVectors() {
        for rule in ValidationRule.allCases {
            #expect(!ValidationVectors.cases(rule).isEmpty, "\(rule)")
        }
    }

    @Test(arguments: ValidationVectors.cases(.executableDefinitions))
    func executableDefinitions(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.knownOperationTypes))
    func knownOperationTypes(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.uniqueOperationNames))
    func uniqueOperationNames(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.loneAnonymousOperation))
    func loneAnonymousOperation(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.singleFieldSubscriptions))
    func singleFieldSubscriptions(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.knownTypeNames))
    func knownTypeNames(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.fragmentsOnCompositeTypes))
    func fragmentsOnCompositeTypes(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.variablesAreInputTypes))
    func variablesAreInputTypes(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.scalarLeafs))
    func scalarLeafs(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.fieldsOnCorrectType))
    func fieldsOnCorrectType(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.uniqueFragmentNames))
    func uniqueFragmentNames(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.knownFragmentNames))
    func knownFragmentNames(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.noUnusedFragments))
    func noUnusedFragments(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.possibleFragmentSpreads))
    func possibleFragmentSpreads(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.noFragmentCycles))
    func noFragmentCycles(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.uniqueVariableNames))
    func uniqueVariableNames(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.noUndefinedVariables))
    func noUndefinedVariables(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.noUnusedVariables))
    func noUnusedVariables(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.knownDirectives))
    func knownDirectives(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.uniqueDirectivesPerLocation))
    func uniqueDirectivesPerLocation(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.knownArgumentNames))
    func knownArgumentNames(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.uniqueArgumentNames))
    func uniqueArgumentNames(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.valuesOfCorrectType))
    func valuesOfCorrectType(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.providedRequiredArguments))
    func providedRequiredArguments(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.variablesInAllowedPosition))
    func variablesInAllowedPosition(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.overlappingFieldsCanBeMerged))
    func overlappingFieldsCanBeMerged(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.uniqueInputFieldNames))
    func uniqueInputFieldNames(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.maxIntrospectionDepth))
    func maxIntrospectionDepth(_ vector: ValidationVector) throws { try vector.check() }

    @Test(arguments: ValidationVectors.cases(.noSchemaIntrospection))
    func noSchemaIntrospection(_ vector: ValidationVector) throws { try vector.check() }
}
