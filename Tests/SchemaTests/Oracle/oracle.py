#!/usr/bin/env python3
"""The reference verdicts for DifferentialTests: graphql-core, pinned, as an oracle.

Usage: oracle.py CORPUS.json RESULT.json

CORPUS.json is {"schemas": {NAME: SDL}, "documents": [{"id", "schema", "text"}],
"executions": [{"id", "schema", "text", "variables"}], "root": VALUE}. For every document this parses and validates
with graphql-core's specified rules and writes {"documents": [{"id", "syntax", "errors": [{"message",
"locations": [[line, column]...]}], "crash"}], "executions": [{"id", "result"}]}. One process answers the whole
corpus, so the test pays Python's start-up once.

It exits 3 when graphql-core is missing or not the pinned version, so that the test can say how to fix that
(`make test-deps`) instead of comparing against something else.
"""

import json
import re
import sys

PINNED = "3.2.8"

try:
    import graphql
    from graphql import (
        GraphQLError,
        build_schema,
        execute,
        parse,
        validate,
    )
except ImportError:
    print(f"graphql-core is not installed; run `make test-deps` (pip install graphql-core=={PINNED})", file=sys.stderr)
    sys.exit(3)

if graphql.__version__ != PINNED:
    print(
        f"graphql-core {graphql.__version__} is installed, the oracle is pinned to {PINNED}; run `make test-deps`",
        file=sys.stderr,
    )
    sys.exit(3)

# The gateway's DateTime scalar accepts RFC 3339 date-times in UTC only; graphql-core's default for a custom
# scalar accepts any literal. The scalar's rules are ours to choose (spec §3.5.6), so the oracle is given the same.
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def _parse_date_time_literal(node, _variables=None):
    from graphql.language import StringValueNode

    if isinstance(node, StringValueNode) and _DATE_TIME.match(node.value):
        return node.value
    raise GraphQLError("DateTime cannot represent a non-RFC 3339 value")


def _parse_date_time_value(value):
    if isinstance(value, str) and _DATE_TIME.match(value):
        return value
    raise GraphQLError("DateTime cannot represent a non-RFC 3339 value")


def build(sdl):
    schema = build_schema(sdl)
    date_time = schema.type_map.get("DateTime")
    if date_time is not None:
        date_time.parse_literal = _parse_date_time_literal
        date_time.parse_value = _parse_date_time_value
    return schema


def error_json(error):
    return {
        "message": error.message,
        "locations": [[location.line, location.column] for location in (error.locations or [])],
        "path": error.path,
    }


def check(schema, text):
    try:
        document = parse(text)
    except GraphQLError as error:
        return {"syntax": True, "errors": [error_json(error)]}
    try:
        return {"syntax": False, "errors": [error_json(error) for error in validate(schema, document)]}
    except Exception as error:  # a bug of the oracle: reported, and the test leaves the document out
        return {"syntax": False, "errors": [], "crash": f"{type(error).__name__}: {error}"}


def run(schema, item, root):
    try:
        result = execute(schema, parse(item["text"]), root_value=item.get("root", root),
                         variable_values=item.get("variables"))
    except Exception as error:
        return {"crash": f"{type(error).__name__}: {error}"}
    answer = {}
    if result.errors is not None:
        answer["errors"] = [error_json(error) for error in result.errors]
    answer["data"] = result.data
    return {"result": answer}


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        corpus = json.load(file)
    schemas = {name: build(sdl) for name, sdl in corpus["schemas"].items()}
    documents = []
    for item in corpus.get("documents", []):
        verdict = check(schemas[item["schema"]], item["text"])
        verdict["id"] = item["id"]
        documents.append(verdict)
    executions = []
    for item in corpus.get("executions", []):
        outcome = run(schemas[item["schema"]], item, corpus.get("root"))
        outcome["id"] = item["id"]
        executions.append(outcome)
    with open(sys.argv[2], "w", encoding="utf-8") as file:
        json.dump({"version": graphql.__version__, "documents": documents, "executions": executions}, file)


if __name__ == "__main__":
    main()
