# snowgate — the two commands a newcomer needs are `make run` and `make test`; the rest serve them.
SWIFT ?= swift
PYTHON ?= python3
# What building needs, and what the tests need on top (a browser, a load tool, graphql-js, PostgreSQL, nginx).
APT_BUILD := libcurl4-openssl-dev libsqlite3-dev pkg-config
APT_TEST := $(APT_BUILD) openssl
PIP_TEST := graphql-core==3.2.8

.PHONY: run test build build-tests deps test-deps lint bench fuzz screenshots clean

run: deps build
	.build/debug/snowgate demo

build: deps
	$(SWIFT) build --product snowgate

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Installs only what is missing, so a machine that has everything is not touched (and needs no network).
deps:
	@./scripts/apt-ensure $(APT_BUILD)

test-deps:
	@./scripts/apt-ensure $(APT_TEST)
	@./scripts/pip-ensure $(PYTHON) $(PIP_TEST)

# The widget load benchmark (docs/PERFORMANCE.md): simulator + gateway in release, 200 users, wrk. Not part of `test`.
# Pass options through BENCH_ARGS, e.g. `make bench BENCH_ARGS="--duration 60"`.
bench: deps
	@./scripts/apt-ensure wrk
	$(SWIFT) build -c release --product snowgate
	$(PYTHON) scripts/bench/run.py --json .build/bench-results.json $(BENCH_ARGS)

lint:
	git ls-files -z '*.swift' | xargs -0 $(SWIFT) format lint --strict

clean:
	rm -rf .build
