#!/bin/bash
# Whether two builds write the same files: the check every speed change in bench/README.md
# passed. Runs each build on the IPACS sample and its no-queue variant, the bundled example,
# the network example, IPACS-compat mode and PathSimR's three Use Case Library cases (imported
# by build A), all with --outputs all, and compares every file but manifest.json.
#
#   bash bench/same-outputs.sh <dist A> <dist B>     (e.g. a copy of dist/ made before a change, and dist/)
#
# Exits 0 when all eight are the same, 1 otherwise; needs ../shared beside the repository.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$root/../shared" 2>/dev/null && pwd) || { echo "no ../shared beside the repository: nothing to compare on" >&2; exit 2; }
[ $# -eq 2 ] || { echo "usage: bash bench/same-outputs.sh <dist A> <dist B>" >&2; exit 2; }
a=$(cd "$1" && pwd)/cli/main.js
b=$(cd "$2" && pwd)/cli/main.js
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pathsimr=$shared/data/pathsimr
node "$a" import-pathsimr "$pathsimr/AandE/templates/A&E_Network_Template.csv" "$pathsimr/AandE/templates/A&E_Calendar_Template.csv" --unit hours --warmup 168 --days 7 --out "$work/aande.xlsx" > /dev/null 2>&1
node "$a" import-pathsimr "$pathsimr/Stroke/templates/Stroke_Network_Template.csv" "$pathsimr/Stroke/templates/Stroke_Calendar_Template.csv" --unit days --warmup 180 --days 365 --out "$work/stroke.xlsx" > /dev/null 2>&1
node "$a" import-pathsimr "$pathsimr/Urology/templates/Urology_Network_Template.csv" "$pathsimr/Urology/templates/Urology_Calendar_Template.csv" --unit hours --warmup 672 --days 7 --out "$work/urology.xlsx" > /dev/null 2>&1
runs=(
  "sample|$shared/data/ipacs/IPACS_params.xlsx -r 50"
  "nodtoc|$shared/data/ipacs/sample_nodtoc.xlsx -r 30"
  "example|$root/examples/fictional-icb.xlsx -r 30"
  "network|$root/examples/fictional-icb-network.xlsx -r 20"
  "compat|$shared/data/ipacs/IPACS_params.xlsx -r 7 -s 99 --compat ipacs-v1"
  "aande|$work/aande.xlsx -r 100"
  "stroke|$work/stroke.xlsx -r 100"
  "urology|$work/urology.xlsx -r 100"
)
status=0
for entry in "${runs[@]}"; do
  name=${entry%%|*}
  args=${entry#*|}
  for side in a b; do
    cli=$a; [ $side = b ] && cli=$b
    # shellcheck disable=SC2086 # the arguments are split on purpose
    node "$cli" run $args --out "$work/$side-$name" -q --outputs all > /dev/null 2>&1 || { echo "FAILED: $name with build $side"; status=1; }
  done
  if diff -rq -x manifest.json "$work/a-$name" "$work/b-$name"; then echo "same: $name"; else echo "DIFFERENT: $name"; status=1; fi
done
exit $status
