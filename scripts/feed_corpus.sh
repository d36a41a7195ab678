#!/usr/bin/env bash
# Measures newswire on a directory of feeds from anywhere: for each feed,
# whether it imports, and whether it converts to each feed format with
# output that is well-formed (xmllint, or Python's json for JSON Feed) and
# that `newswire check` finds no error in, and whether the articles
# `import` wrote check without an error. Files that are not well-formed
# (xmllint, or Python's json) are counted apart and left out of the rates,
# since no reader need accept them. Prints one line per feed and the pass
# rates.
#
#   scripts/feed_corpus.sh DIR [NEWSWIRE]
set -uo pipefail
dir=${1:?usage: feed_corpus.sh DIR [NEWSWIRE]}
newswire=${2:-target/release/newswire}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
total=0 imported=0 articles_ok=0 malformed=0
declare -A converted=([rss]=0 [atom]=0 [jsonfeed]=0)
printf '%-40s %-7s %-5s %-5s %-8s\n' feed import rss atom jsonfeed
for feed in "$dir"/*; do
  [ -f "$feed" ] || continue
  name=$(basename "$feed")
  if ! xmllint --noout "$feed" 2>/dev/null && ! python3 -c 'import json,sys; json.load(open(sys.argv[1], "rb"))' "$feed" 2>/dev/null; then
    malformed=$((malformed + 1))
    printf '%-40s not well-formed\n' "$name"
    continue
  fi
  total=$((total + 1))
  row=$(printf '%-40s' "$name")
  if "$newswire" import "$feed" --out-dir "$work/$name.import" -q >/dev/null 2>"$work/err"; then
    imported=$((imported + 1)); row+=" ok     "
    # The articles it wrote are ones newswire reads without an error.
    if ls "$work/$name.import"/* >/dev/null 2>&1 &&
      ! "$newswire" check "$work/$name.import" >"$work/check" 2>/dev/null &&
      grep -q ': error:' "$work/check"; then
      echo "  $name import: an article does not check: $(grep -m1 ': error:' "$work/check" | head -c 200)" >>"$work/failures"
    else
      articles_ok=$((articles_ok + 1))
    fi
  else
    row+=" FAIL   "; echo "  $name import: $(head -c 200 "$work/err")" >>"$work/failures"
  fi
  for format in rss atom jsonfeed; do
    out="$work/$name.$format"
    ok=0
    if "$newswire" convert "$feed" -t "$format" --link https://example.com/ -q -o "$out" 2>"$work/err"; then
      if [ "$format" = jsonfeed ]; then
        python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$out" 2>>"$work/err" && ok=1
      else
        xmllint --noout "$out" 2>>"$work/err" && ok=1
      fi
      if [ $ok = 1 ] && ! "$newswire" check "$out" >"$work/check" 2>/dev/null; then
        grep -q ': error:' "$work/check" && ok=0 && cat "$work/check" >>"$work/err"
      fi
    fi
    if [ $ok = 1 ]; then
      converted[$format]=$((converted[$format] + 1)); row+=" ok   "
    else
      row+=" FAIL "; echo "  $name -> $format: $(grep -m1 . "$work/err" | head -c 200)" >>"$work/failures"
    fi
  done
  echo "$row"
done
echo
[ -f "$work/failures" ] && { echo "failures:"; cat "$work/failures"; echo; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%d/%d (%.0f%%)", a, b, b ? 100 * a / b : 0 }'; }
echo "not well-formed: $malformed, left out"
echo "imported:        $(pct $imported $total)"
echo "  whose articles check without an error: $(pct $articles_ok $imported)"
for format in rss atom jsonfeed; do
  echo "valid $format: $(pct ${converted[$format]} $total)"
done
