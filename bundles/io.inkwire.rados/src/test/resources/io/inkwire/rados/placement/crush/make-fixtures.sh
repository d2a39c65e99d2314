#!/bin/bash
# Regenerates the CRUSH fixtures of CrushMapperTest with Ceph's own tools (crushtool of Ceph 16.2).
# Run once by hand; the tests read only what this writes (no Ceph at test time).
#   maps:      <name>.bin compiled from base.crush.txt with the bucket algorithms and weights below,
#              tunables variants <name>-<profile>.bin, and ca0.bin with choose_args (index 0)
#   expected:  mappings.txt, one line per crushtool run:
#              <map> <rule> <num-rep> <pool-id|-> <weights|-> <lines> <sha256 of crushtool's "CRUSH rule ..." lines>
# crushtool --test hashes x with --pool-id (x' = crush_hash32_2(x, pool)) and always uses
# choose_args index 0 (falling back to -1), whatever the pool id.
set -euo pipefail
cd "$(dirname "$0")"
command -v crushtool >/dev/null || { echo "crushtool (ceph-common) is needed" >&2; exit 1; }
rm -f ./*.bin mappings.txt

W="1.000 2.000 0.500 1.000 1.000 1.000 3.000 1.000 0.250 1.000 1.500 1.000"
U="1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000"
gen() { # name host-alg rack-alg root-alg weights...
  local n=$1 h=$2 r=$3 o=$4; shift 4
  sed -e "s/HOSTALG/$h/;s/RACKALG/$r/;s/ROOTALG/$o/" base.crush.txt > "$n.txt"
  local i=0
  for w in "$@"; do sed -i "s/weight W$i\$/weight $w/" "$n.txt"; i=$((i+1)); done
  # uniform buckets get no device-class shadow trees: their class rule takes rack r1 instead
  if [ "$h" = uniform ]; then sed -i 's/step take default class ssd/step take r1/' "$n.txt"; fi
  crushtool -c "$n.txt" -o "$n.bin"
  rm "$n.txt"
}
gen straw2 straw2 straw2 straw2 $W
gen straw straw straw straw $W
gen list list list list $W
gen tree tree tree tree $W
gen uniform uniform uniform straw2 $U
gen mixed uniform list tree $U
gen mixed2 list tree straw $W

for base in straw2 mixed2 mixed; do
  crushtool -i $base.bin --enable-unsafe-tunables -o $base-argonaut.bin --set-choose-local-tries 2 \
    --set-choose-local-fallback-tries 5 --set-choose-total-tries 19 --set-chooseleaf-descend-once 0 \
    --set-chooseleaf-vary-r 0 --set-chooseleaf-stable 0
  crushtool -i $base.bin --enable-unsafe-tunables -o $base-bobtail.bin --set-choose-local-tries 0 \
    --set-choose-local-fallback-tries 0 --set-choose-total-tries 50 --set-chooseleaf-descend-once 1 \
    --set-chooseleaf-vary-r 0 --set-chooseleaf-stable 0
  crushtool -i $base.bin -o $base-firefly.bin --set-chooseleaf-vary-r 1 --set-chooseleaf-stable 0
done

# choose_args: weight sets (several positions, the last one reused beyond) and ids
sed -e 's/HOSTALG/straw2/;s/RACKALG/straw2/;s/ROOTALG/straw2/;/# end crush map/d' base.crush.txt > ca0.txt
i=0; for w in $W; do sed -i "s/weight W$i\$/weight $w/" ca0.txt; i=$((i+1)); done
cat >> ca0.txt <<'CA'
choose_args 0 {
  {
    bucket_id -1
    weight_set [
      [ 1.000 3.000 ]
      [ 2.000 1.000 ]
    ]
    ids [ -20 -21 ]
  }
  {
    bucket_id -3
    weight_set [
      [ 0.500 2.000 1.000 ]
      [ 3.000 0.100 1.000 ]
      [ 1.000 1.000 0.000 ]
    ]
  }
  {
    bucket_id -7
    ids [ -30 -31 ]
  }
}
# end crush map
CA
crushtool -c ca0.txt -o ca0.bin
rm ca0.txt

run() { # map pool weights...
  local m=$1 pool=$2; shift 2
  local wargs=() wspec=-
  if [ $# -gt 0 ]; then
    wspec=""
    while [ $# -gt 0 ]; do wargs+=(--weight "$1" "$2"); wspec="$wspec${wspec:+,}$1=$2"; shift 2; done
  fi
  local pargs=()
  [ "$pool" != - ] && pargs=(--pool-id "$pool")
  for r in 0 1 2 3 4 5; do for n in 1 3 4 6; do
    out=$(crushtool -i "$m.bin" --test --show-mappings --rule $r --num-rep $n --min-x 0 --max-x 8191 \
      "${pargs[@]}" "${wargs[@]}" 2>/dev/null | grep '^CRUSH')
    echo "$m $r $n $pool $wspec $(printf '%s\n' "$out" | wc -l) $(printf '%s\n' "$out" | sha256sum | cut -d' ' -f1)" >> mappings.txt
  done; done
}
for f in *.bin; do run "${f%.bin}" -; done
for m in straw2 straw list tree uniform mixed mixed2-argonaut straw2-bobtail ca0; do
  run $m - 1 0.5 4 0 7 0.3 10 0
done
for m in straw2 mixed2 ca0; do run $m 3; done
echo "$(wc -l < mappings.txt) runs, $(awk '{s+=$6} END {print s}' mappings.txt) mappings"
