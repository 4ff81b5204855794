#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (release, AddressSanitizer and libFuzzer's coverage: see below) and runs each for FUZZ_SECONDS
# seconds on its committed seeds (docs/FUZZING.md). New inputs go to Fuzz/.build/corpus/<target>, crashes and hangs to
# Fuzz/artifacts/<target>/; the committed corpus under Fuzz/Corpus is only read.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGETS=${FUZZ_TARGETS:-"FuzzGraphQL FuzzHTTPRequest FuzzJWT"}

# How it is built, and why not with SwiftPM's `--sanitize=fuzzer` (docs/FUZZING.md, "Linux toolchain notes"):
# `--sanitize` and `-Xswiftc`/`-Xlinker` reach every executable SwiftPM links, including the `EmbedAssets` plugin's
# tool (AssetEmbedder), and libFuzzer's runtime brings a `main` of its own that then replaces the tool's. So:
# - every module (the tool too) is compiled with AddressSanitizer and libFuzzer's coverage instrumentation (the
#   edges, comparisons and indirect calls `-sanitize=fuzzer` would instrument), which links only the ASan runtime;
# - libFuzzer itself is linked into the three fuzz executables alone (their `linkerSettings` in Fuzz/Package.swift);
# - `--disable-dead-strip`: a release link garbage-collects sections, and libFuzzer needs the coverage counters'.
coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table
flags=(--package-path Fuzz -c release --sanitize=address --disable-dead-strip -Xswiftc "-sanitize-coverage=$coverage")
"$SWIFT" build "${flags[@]}"
bin=$("$SWIFT" build "${flags[@]}" --show-bin-path)

# Seeds that live elsewhere in the repository, read in place rather than copied into Fuzz/Corpus.
extra_seeds() {
    case "$1" in
        FuzzGraphQL) echo "Tests/SchemaTests/Fixtures examples" ;;
    esac
}

# Leaks are findings too (libFuzzer checks each input that allocates more than it frees); Fuzz/lsan.supp says which
# one-time set-up allocations are not.
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

status=0
for target in $FUZZ_TARGETS; do
    mkdir -p "Fuzz/.build/corpus/$target" "Fuzz/artifacts/$target"
    echo "== $target: ${FUZZ_SECONDS}s"
    # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: a runaway allocation is a finding too.
    # shellcheck disable=SC2046 # the extra seed folders are separate arguments
    if ! "$bin/$target" "Fuzz/.build/corpus/$target" "Fuzz/Corpus/$target" $(extra_seeds "$target") \
        -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 \
        -artifact_prefix="Fuzz/artifacts/$target/" 2>&1 | tee "Fuzz/artifacts/$target.log" | grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' ; then
        :
    fi
    if ls "Fuzz/artifacts/$target"/crash-* "Fuzz/artifacts/$target"/timeout-* "Fuzz/artifacts/$target"/oom-* "Fuzz/artifacts/$target"/leak-* >/dev/null 2>&1; then
        echo "!! $target: findings in Fuzz/artifacts/$target/"
        status=1
    fi
done
exit $status
