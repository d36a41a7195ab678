#!/usr/bin/env bash
# Throughput and memory of newswire on a generated archive, as ratios
# against yardsticks run on the same machine in the same run: reading
# every file and rendering it with comrak to HTML in one thread (the
# reference), copying the files `convert` wrote with `cp -r` (the fair
# limit for writing them), and a hello-world process (the floor for
# start-up). Feed sizes are given per format and mode, against the same
# feed with only standard elements.
#
#   scripts/bench.sh            1,000 and 10,000 articles, 5 runs each
#   scripts/bench.sh --smoke    a few hundred articles, one run, debug build:
#                               checks the benchmark works, measures nothing
#
# NEWSWIRE_BENCH_SIZES="1000 10000 100000" sets the archive sizes,
# NEWSWIRE_BENCH_RUNS the runs per figure (the median is reported) and
# NEWSWIRE_BENCH_DIR where corpora and outputs go (default target/bench):
# give a directory on the disk the figures are for, not a tmpfs.
# hyperfine times the commands when it is installed; GNU time, when
# installed, gives peak memory; pandoc, when installed, is compared too.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
sizes=${NEWSWIRE_BENCH_SIZES:-1000 10000}
runs=${NEWSWIRE_BENCH_RUNS:-5}
if [[ ${1:-} == --smoke ]]; then
  profile=debug
  sizes="100 300"
  runs=1
fi
work=${NEWSWIRE_BENCH_DIR:-target/bench}
mkdir -p "$work"

if [[ $profile == release ]]; then
  cargo build --locked --release --bin newswire --examples
else
  cargo build --locked --bin newswire --examples
fi
bin=target/$profile/newswire
generate=target/$profile/examples/bench_corpus
reference=target/$profile/examples/bench_reference
hello=target/$profile/examples/bench_hello

have() { command -v "$1" >/dev/null 2>&1; }
gnu_time=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1; then
  gnu_time=/usr/bin/time
fi

# The median wall time of a command in seconds, over $runs runs after one
# unmeasured run. When $prepare is set, it is run before each run, untimed.
median() {
  if have hyperfine && [[ $profile == release ]]; then
    local report
    report=$(mktemp)
    local prepared=()
    [[ -n ${prepare:-} ]] && prepared=(--prepare "$prepare")
    if ! hyperfine -N --style none --warmup 1 --runs "$runs" "${prepared[@]}" --export-csv "$report" -- "$*" >/dev/null 2>&1; then
      echo "bench: failed: $*" >&2
      rm -f "$report"
      return 1
    fi
    awk -F, 'NR == 2 { printf "%.6f\n", $4 }' "$report"
    rm -f "$report"
  else
    [[ -n ${prepare:-} ]] && bash -c "$prepare"
    "$@" >/dev/null
    local times=()
    for _ in $(seq "$runs"); do
      [[ -n ${prepare:-} ]] && bash -c "$prepare"
      local start end
      start=$(date +%s%N)
      "$@" >/dev/null
      end=$(date +%s%N)
      times+=("$(awk -v ns=$((end - start)) 'BEGIN { printf "%.6f", ns / 1e9 }')")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END { printf "%.6f\n", t[int((NR + 1) / 2)] }'
  fi
}

# Peak resident memory of a command in MB, when GNU time can tell.
peak() {
  if [[ -n $gnu_time ]]; then
    "$gnu_time" -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.1f MB", $1 / 1024 }'
  else
    printf 'n/a'
  fi
}

seconds() { awk -v t="$1" 'BEGIN { printf "%.3f s", t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }

echo "newswire benchmark: $profile build, $(nproc) cores, median of $runs runs$(have hyperfine && [[ $profile == release ]] && echo ' (hyperfine)')"
first_size="" first_feed="" first_convert=""
for size in $sizes; do
  corpus=$work/corpus-$size
  if [[ ! -f $corpus/.complete ]]; then
    rm -rf "$corpus"
    "$generate" "$corpus" "$size" >"$corpus.bytes"
    touch "$corpus/.complete"
  fi
  megabytes=$(awk '{ printf "%.1f", $1 / 1e6 }' "$corpus.bytes")
  feed=(feed "$corpus" -t rss --title Bench --link https://example.com/ -o "$work/feed-$size.xml")
  convert=(convert "$corpus" -t all --out-dir "$work/out-$size")

  base=$(median "$reference" "$corpus")
  feed_time=$(median "$bin" "${feed[@]}")
  feed_peak=$(peak "$bin" "${feed[@]}")
  feed_size=$(awk -v b="$(wc -c <"$work/feed-$size.xml")" 'BEGIN { printf "%.1f", b / 1e6 }')
  # A new output directory each run, as a fresh deploy makes it; then
  # again over the outputs of the run before, which are all replaced.
  convert_time=$(prepare="rm -rf $(printf %q "$work/out-$size")" median "$bin" "${convert[@]}")
  rm -rf "$work/out-$size"
  convert_peak=$(peak "$bin" "${convert[@]}")
  again_time=$(median "$bin" "${convert[@]}")
  files=$(find "$work/out-$size" -type f | wc -l)
  copy_time=$(prepare="rm -rf $(printf %q "$work/copy-$size")" median cp -r "$work/out-$size" "$work/copy-$size")
  rm -rf "$work/copy-$size"
  limited_time=$(median "$bin" "${feed[@]}" --limit 50)
  sizes_report=$(for format in rss atom jsonfeed; do
    for mode in default lossless; do
      flag=(); [[ $mode == lossless ]] && flag=(--lossless)
      out="$work/feed-$size-$mode.$format"
      [[ $format == jsonfeed ]] && out+=.json
      "$bin" feed "$corpus" -t "$format" --title Bench --link https://example.com/ -q "${flag[@]}" -o "$out"
      printf '    %-9s %-9s %s\n' "$format" "$mode" "$(python3 scripts/feed_sizes.py "$out" | cut -f2-)"
      rm -f "$out"
    done
  done)

  echo
  echo "$size articles, $megabytes MB:"
  echo "  reference (read + comrak to HTML, one thread): $(seconds "$base")"
  echo "  feed -t rss:          $(seconds "$feed_time") = $(ratio "$feed_time" "$base")x reference, $(rate "$size" "$feed_time") articles/s, peak $feed_peak (output $feed_size MB)"
  echo "  feed -t rss --limit 50: $(seconds "$limited_time") = $(ratio "$limited_time" "$base")x reference"
  echo "  convert -t all:       $(seconds "$convert_time") = $(ratio "$convert_time" "$base")x reference, $(rate "$size" "$convert_time") articles/s, peak $convert_peak (new output directory)"
  echo "  convert -t all again: $(seconds "$again_time") = $(ratio "$again_time" "$base")x reference (every output replaced)"
  echo "  fair limit, cp -r of the $files files written: $(seconds "$copy_time"); convert -t all = $(ratio "$convert_time" "$copy_time")x it"
  echo "  feed sizes (with the structured data, without it, ratio):"
  echo "$sizes_report"
  if [[ -z $first_size ]]; then
    first_size=$size first_feed=$feed_time first_convert=$convert_time
  else
    echo "  cost per article vs $first_size articles (1.00 is linear):" \
      "feed $(awk -v a="$feed_time" -v n="$size" -v b="$first_feed" -v m="$first_size" 'BEGIN { printf "%.2f", (a / n) / (b / m) }')," \
      "convert $(awk -v a="$convert_time" -v n="$size" -v b="$first_convert" -v m="$first_size" 'BEGIN { printf "%.2f", (a / n) / (b / m) }')"
  fi
  rm -rf "$work/out-$size"

  if have pandoc && [[ $profile == release ]]; then
    sample=("$corpus"/*.md)
    for file in "${sample[@]:0:100}"; do
      printf 'pandoc -f markdown -t html %q >/dev/null\n' "$file"
    done >"$work/pandoc-$size.sh"
    pandoc_time=$(median bash "$work/pandoc-$size.sh")
    echo "  pandoc, one process per article: $(ratio "$(awk -v t="$pandoc_time" -v n="$size" 'BEGIN { print t / 100 * n }')" "$base")x reference (from 100 articles)"
  fi
done

# Globs sort by name; a pipe into head could end the run with SIGPIPE.
articles=("$work/corpus-${sizes%% *}"/*.md)
one=${articles[0]}
single=$(runs=$((runs * 10)) median "$bin" convert "$one" -t text -o "$work/one.txt")
floor=$(runs=$((runs * 10)) median "$hello")
echo
echo "one article, convert -t text, process start included: $(awk -v t="$single" 'BEGIN { printf "%.2f", t * 1000 }') ms" \
  "= $(ratio "$single" "$floor")x a hello-world process ($(awk -v t="$floor" 'BEGIN { printf "%.2f", t * 1000 }') ms)"
