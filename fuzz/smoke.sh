#!/usr/bin/env bash
# Builds every fuzz target with libFuzzer's coverage instrumentation, seeds
# its corpus from the repository's own articles and feeds, and runs each
# for a few seconds. It needs only the stable toolchain and a C++ compiler
# (libFuzzer is built from source): the flags are the ones `cargo fuzz`
# passes, less the address sanitizer, which needs a nightly compiler.
#
#   fuzz/smoke.sh                 every target, 20 seconds each
#   NEWSWIRE_FUZZ_SECONDS=600 fuzz/smoke.sh read_feed convert_all
#   fuzz/smoke.sh --seed          only seed fuzz/corpus/, for `cargo fuzz`
#
# A crash stops the run with libFuzzer's report and leaves the input under
# fuzz/artifacts/TARGET/; it belongs in tests/regressions/ (an article) or
# tests/regressions/feeds/ (a feed), so the test suite keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
seconds=${NEWSWIRE_FUZZ_SECONDS:-20}
host=$(rustc -vV | sed -n 's/^host: //p')
seed_only=false
if [ "${1:-}" = --seed ]; then
  seed_only=true
  shift
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(read_markdown read_article_json convert_all read_feed feed_html site_page)
fi

seed() {
  local target=$1 dir=corpus/$1
  mkdir -p "$dir" "artifacts/$target"
  case $target in
    read_markdown | convert_all)
      cp "$root"/samples/*.md "$root"/tests/regressions/*.md "$dir/" ;;
    read_article_json)
      cp "$root"/tests/golden/*.article.json "$dir/" ;;
    read_feed)
      cp "$root"/tests/fixtures/feeds/* "$root"/tests/regressions/feeds/* \
        "$root"/tests/golden/*.xml "$root"/tests/golden/*.feed.json "$dir/" ;;
    feed_html)
      cp "$root"/tests/golden/*.html "$dir/" ;;
    site_page)
      find "$root/tests/fixtures/sites" -name '*.md' -exec cp {} "$dir/" \; ;;
  esac
}

if $seed_only; then
  for target in "${targets[@]}"; do seed "$target"; done
  exit 0
fi

# --target keeps the instrumentation off build scripts and proc macros.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
cargo build --locked --release --target "$host" --bins
bin="target/$host/release"

for target in "${targets[@]}"; do
  seed "$target"
  echo "fuzz: $target for ${seconds} s" >&2
  "$bin/$target" "corpus/$target" -max_total_time="$seconds" -rss_limit_mb=2048 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 2>"artifacts/$target.log" || {
    tail -n 40 "artifacts/$target.log" >&2
    exit 1
  }
  grep -E '^stat::number_of_executed_units' "artifacts/$target.log" | sed "s/^/$target: /" >&2
done
