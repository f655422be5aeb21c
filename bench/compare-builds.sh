#!/usr/bin/env bash
# Byte-identity of two builds: every fixture and test/data file through summarize (six formats,
# by commune and district, xlsx unzipped), validate (text, json), inspect, and rollups of the
# monthly, yearly and validate folders, run by both builds; then diff of the two output folders.
#   bench/compare-builds.sh OLD/bin/tdbv NEW/bin/tdbv [OUTDIR]
# Prints the commands whose exit status, standard output or error differ; exit 1 if any does.
set -uo pipefail
cd "$(dirname "$0")/.."
OLD=$1; NEW=$2; OUT=${3:-$(mktemp -d)}
FILES=$(ls fixtures/*.csv fixtures/*/* test/data/* | grep -v -e README -e '\.mjs$')
run_all() {
  local BIN=$1 DIR=$2 i=0
  rm -rf "$DIR"; mkdir -p "$DIR"
  run() { i=$((i+1)); "$BIN" "$@" > "$DIR/$i.out" 2> "$DIR/$i.err"; echo "$? $*" > "$DIR/$i.status"; }
  runx() {
    i=$((i+1)); local f="$DIR/$i.xlsx"
    "$BIN" "$@" --output "$f" > "$DIR/$i.out" 2> "$DIR/$i.err"; echo "$? $*" > "$DIR/$i.status"
    if [ -f "$f" ]; then mkdir "$DIR/x$i" && (cd "$DIR/x$i" && unzip -q "../$i.xlsx") && rm "$f"; fi
  }
  for f in $FILES; do
    for fmt in json csv html text md table; do run summarize "$f" --format $fmt --allow-errors; done
    run summarize "$f" --by commune --format json --allow-errors
    run summarize "$f" --by district --format csv
    runx summarize "$f" --by district
    run validate "$f" --format json
    run validate "$f"
    run inspect "$f"
  done
  for d in fixtures/monthly fixtures/yearly fixtures/validate; do
    for e in month quarter year; do run rollup $d --every $e --format json --allow-errors; done
    run rollup $d --every quarter --ytd --format csv --allow-errors
    run rollup $d --every month --compare previous --by district --format json --allow-errors
    run rollup $d --every year --compare last-year --format text --allow-errors
    run validate $d --format json
  done
}
run_all "$OLD" "$OUT/old"
run_all "$NEW" "$OUT/new"
n=$(ls "$OUT/old"/*.status | wc -l)
differ=0
for s in "$OUT/old"/*.status; do
  k=$(basename "$s" .status)
  if ! cmp -s "$s" "$OUT/new/$k.status" || ! cmp -s "$OUT/old/$k.out" "$OUT/new/$k.out" || ! cmp -s "$OUT/old/$k.err" "$OUT/new/$k.err" \
    || { [ -d "$OUT/old/x$k" ] && ! diff -rq "$OUT/old/x$k" "$OUT/new/x$k" > /dev/null; }; then
    differ=$((differ+1)); echo "differs: $(cut -d' ' -f2- "$s")"
  fi
done
echo "$n commands, $differ differ (outputs in $OUT)"
[ "$differ" -eq 0 ]
