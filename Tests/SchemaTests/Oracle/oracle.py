#!/usr/bin/env python3
"""The reference verdicts for DifferentialTests: graphql-core, pinned, as an oracle.

Usage: oracle.py CORPUS.json RESULT.json

CORPUS.json is {"schemas": {NAME: SDL}, "documents": [{"id", "schema", "text"}],
"executions": [{"id", "schema", "text", "variables"}], "root": VALUE}. For every document this parses and validates
with graphql-core's specified rules and writes {"documents": [{"id", "syntax", "errors": [{"message",
"locations": [[line, column]...]}], "crash"}], "executions": [{"id", "result"}]}. One process answers the whole
corpus, so the test pays Python's start-up once (the validation is spread over forked workers, one per core).

It exits 3 when graphql-core is missing or not the pinned version, so that the test can say how to fix that
(`make test-deps`) instead of comparing against something else.
"""

import concurrent.futures
import json
import multiprocessing
import os
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


_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def location(body, position):
    """graphql-js's getLocation, with the column in UTF-16 code units.

    graphql-core 3.2.8 computes locations with `str.splitlines`, which drops the empty line after a final line
    break: a position at the start of a line is reported at the end of the line before (graphql-js gives
    `{line: 3, column: 1}` for offset 3 of "a\n\nb", graphql-core line 2, column 1). It also counts columns in
    code points where graphql-js (and our engine, so that a location points at the same character in a browser)
    counts UTF-16 code units. The oracle reports graphql-js's locations, computed from the error's offsets."""
    line = 1
    line_start = 0
    for match in _LINE_BREAK.finditer(body, 0, position):
        if match.start() >= position:
            break
        line += 1
        line_start = match.end()
    return [line, len(body[line_start:position].encode("utf-16-le")) // 2 + 1]


def error_json(error):
    if error.positions is not None and error.source is not None:
        locations = [location(error.source.body, position) for position in error.positions]
    else:
        locations = [[entry.line, entry.column] for entry in (error.locations or [])]
    return {"message": error.message, "locations": locations, "path": error.path}


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


_SCHEMAS = {}


def _check_batch(batch):
    return [dict(check(_SCHEMAS[item["schema"]], item["text"]), id=item["id"]) for item in batch]


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        corpus = json.load(file)
    _SCHEMAS.update({name: build(sdl) for name, sdl in corpus["schemas"].items()})
    items = corpus.get("documents", [])
    # graphql-core takes milliseconds per document; the corpus is split over the cores (forked workers inherit the
    # built schemas), in contiguous batches so that the verdicts come back in corpus order. Should a worker die, the
    # executor says so (multiprocessing.Pool would wait forever) and the corpus is checked here instead.
    documents = None
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and len(items) > 200 and "fork" in multiprocessing.get_all_start_methods():
        size = (len(items) + workers * 4 - 1) // (workers * 4)
        batches = [items[index : index + size] for index in range(0, len(items), size)]
        try:
            context = multiprocessing.get_context("fork")
            with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
                documents = [verdict for batch in pool.map(_check_batch, batches) for verdict in batch]
        except concurrent.futures.process.BrokenProcessPool as error:
            print(f"oracle: a worker died ({error}); checking in one process", file=sys.stderr)
            documents = None
    if documents is None:
        documents = _check_batch(items)
    executions = []
    for item in corpus.get("executions", []):
        outcome = run(_SCHEMAS[item["schema"]], item, corpus.get("root"))
        outcome["id"] = item["id"]
        executions.append(outcome)
    with open(sys.argv[2], "w", encoding="utf-8") as file:
        json.dump({"version": graphql.__version__, "documents": documents, "executions": executions}, file)


if __name__ == "__main__":
    main()
