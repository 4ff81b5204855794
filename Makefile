# snowgate — the two commands a newcomer needs are `make run` and `make test`; the rest serve them.
SWIFT ?= swift
PYTHON ?= python3
# What building needs, and what the tests need on top (a browser, a load tool, graphql-js, PostgreSQL, nginx).
APT_BUILD := libcurl4-openssl-dev libsqlite3-dev libpq-dev pkg-config
APT_TEST := $(APT_BUILD) openssl postgresql chromium chromium-driver nginx
PIP_TEST := graphql-core==3.2.8

.PHONY: run test build build-tests deps test-deps lint bench bench-scale bench-engine callgrind fuzz screenshots clean kill-test soak

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

# The engine against GraphQLSwift in one process, then `snowgate check` against graphql-js and GraphQLSwift as whole
# processes (release builds; see docs/BENCHMARKS.md). Not part of `make test`.
bench-engine: deps
	@rm -f Benchmarks/.build/release.yaml
	$(SWIFT) run -c release --package-path Benchmarks EngineBenchmark
	./Benchmarks/check-vs-graphql-js.sh

# Refreshes docs/screenshots/ (the widget and the explorer at desktop and phone width) in headless Chromium.
screenshots: test-deps
	$(SWIFT) build --build-tests
	SNOWGATE_SCREENSHOTS="$(CURDIR)/docs/screenshots" $(SWIFT) test --skip-build --filter 'BrowserTests.Screenshots'

# Reliability (docs/RELIABILITY.md): the kill test with many more kills than `make test` runs, and the soak test.
kill-test: test-deps
	$(SWIFT) build --build-tests
	SNOWGATE_KILL_ROUNDS=$${SNOWGATE_KILL_ROUNDS:-60} $(SWIFT) test --skip-build --filter KillTests

soak: deps
	./scripts/soak.sh

# The widget load benchmark (docs/PERFORMANCE.md): simulator + gateway in release, 200 users, wrk. Not part of `test`.
# Pass options through BENCH_ARGS, e.g. `make bench BENCH_ARGS="--duration 60"`.
bench: deps
	@./scripts/apt-ensure wrk
	$(SWIFT) build -c release --product snowgate
	@rm -f Benchmarks/.build/release.yaml
	$(SWIFT) build -c release --package-path Benchmarks --product HTTPFloor
	$(PYTHON) scripts/bench/run.py --json .build/bench-results.json $(BENCH_ARGS)

# (Every Benchmarks build, bench above, bench-engine and callgrind below, first drops that package's build plan: SwiftPM
# reuses it while the Benchmarks manifest is unchanged, so a source file added to the main package since the last plan
# is missing and the build fails.)
# Instructions per cold render and per `{ __typename }`, counted by callgrind (docs/PERFORMANCE.md, "Profiling"):
# steady to a fraction of a percent where CPU time is not. Needs valgrind 3.20 or later (Debian 12 has 3.19, installed
# here for its callgrind_control): `make callgrind CALLGRIND_ARGS="--valgrind /path/to/valgrind"`. Not part of `test`.
callgrind: deps
	@./scripts/apt-ensure valgrind
	$(SWIFT) build -c release --product snowgate
	@rm -f Benchmarks/.build/release.yaml
	$(SWIFT) build -c release --package-path Benchmarks --product SnowgateUnderValgrind
	$(PYTHON) scripts/bench/callgrind.py $(CALLGRIND_ARGS)

# Scale-out (docs/SCALE-OUT.md): a throwaway PostgreSQL cluster, N replicas on it behind nginx with the documented
# configuration, 1 vs 2 replicas (batched, batched + cache), /healthz and a SIGTERM drain under load. Not part of `test`.
bench-scale: deps
	@./scripts/apt-ensure wrk nginx postgresql
	$(SWIFT) build -c release --product snowgate
	$(PYTHON) scripts/bench/scale.py --json .build/bench-scale-results.json $(BENCH_ARGS)

# libFuzzer on the parser/validator, the HTTP request decoding and the JWT check (docs/FUZZING.md), FUZZ_SECONDS
# (default 60) each. Not part of `make test`, which replays the committed corpus instead.
fuzz: deps
	SWIFT=$(SWIFT) ./scripts/fuzz.sh

lint:
	git ls-files -z '*.swift' | xargs -0 $(SWIFT) format lint --strict

clean:
	rm -rf .build
