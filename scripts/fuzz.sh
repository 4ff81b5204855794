#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (release, libFuzzer coverage without AddressSanitizer: see the traps below) and runs each for FUZZ_SECONDS
# seconds on its committed seeds (docs/FUZZING.md). New inputs go to Fuzz/.build/corpus/<target>, crashes and hangs to
# Fuzz/artifacts/<target>/; the committed corpus under Fuzz/Corpus is only read.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGETS=${FUZZ_TARGETS:-"FuzzGraphQL FuzzHTTPRequest FuzzJWT"}

# Three traps on Linux, each found the hard way (docs/FUZZING.md):
# - SwiftPM's --sanitize, not -Xswiftc -sanitize=...: -Xswiftc also reaches the build-tool plugin's own executable
#   (AssetEmbedder), whose `main` then collides with libFuzzer's at link time.
# - --sanitize=fuzzer alone: SwiftPM passes `--sanitize=fuzzer --sanitize=address` as two swiftc flags and the last
#   one wins, which silently drops the coverage instrumentation (libFuzzer then reports no coverage at all).
# - --disable-dead-strip: a release link garbage-collects sections, and libFuzzer needs the coverage counters'.
flags=(--package-path Fuzz -c release --sanitize=fuzzer --disable-dead-strip)
"$SWIFT" build "${flags[@]}"
bin=$("$SWIFT" build "${flags[@]}" --show-bin-path)

status=0
for target in $FUZZ_TARGETS; do
    mkdir -p "Fuzz/.build/corpus/$target" "Fuzz/artifacts/$target"
    echo "== $target: ${FUZZ_SECONDS}s"
    # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: a runaway allocation is a finding too.
    if ! "$bin/$target" "Fuzz/.build/corpus/$target" "Fuzz/Corpus/$target" \
        -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 \
        -artifact_prefix="Fuzz/artifacts/$target/" 2>&1 | tee "Fuzz/artifacts/$target.log" | grep -E '^(#[0-9]+ +DONE|stat::|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' ; then
        :
    fi
    if ls "Fuzz/artifacts/$target"/crash-* "Fuzz/artifacts/$target"/timeout-* "Fuzz/artifacts/$target"/oom-* >/dev/null 2>&1; then
        echo "!! $target: findings in Fuzz/artifacts/$target/"
        status=1
    fi
done
exit $status
