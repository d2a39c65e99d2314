#!/bin/bash
# Regenerates the OSDMap chain of OSDMapChainTest with Ceph's own monitor (Ceph 16.2, scripts/ceph-lab):
# a 3-OSD lab goes through OSD creation and boot, pools (replicated and EC), reweights, primary
# affinity, pg_temp, primary_temp, pg_upmap(_items), CRUSH edits and a new rule, pool snaps, quotas,
# a pool deletion, a blocklist entry, an OSD killed, marked down and out, and removed. Then the monitor is stopped and every epoch's
# incremental (osdmap/N) and full map (osdmap/full_N) is read from its store with ceph-kvstore-tool:
# exactly the bytes the monitor sends a client (MOSDMap carries these stored encodings).
# Run once by hand, as root, with the lab lock: flock /tmp/inkwire-lab.lock ./make-chain.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../../../../../../../../.." && pwd)
DIR=${LAB_DIR:-/tmp/inkwire-chain-lab}
cd "$ROOT"
eval "$(scripts/ceph-lab start --dir "$DIR" --osds 3)"
trap 'scripts/ceph-lab stop --dir "$DIR" >/dev/null 2>&1 || true' EXIT
c() { echo "+ ceph $*" >&2; timeout 60 ceph "$@" >&2; }
c osd set-require-min-compat-client luminous --yes-i-really-mean-it
c osd pool create p2 16 16
c osd pool application enable p2 rbd
c osd pool set p2 size 2
c osd set noout
c osd unset noout
c osd reweight 1 0.5
c osd primary-affinity 2 0.5
c osd pg-upmap-items 1.0 0 1
c osd pg-upmap 2.1 1 2
c osd pg-temp 2.2 2 1
c osd primary-temp 2.2 1
c osd crush reweight osd.2 0.5
c osd crush add-bucket rack1 rack
c osd crush move lab-host0 rack=rack1
c osd crush move rack1 root=default
c osd crush rule create-replicated r-osd default osd
c osd erasure-code-profile set ecp k=2 m=1 crush-failure-domain=osd
c osd pool create ec 8 8 erasure ecp
c osd pool mksnap p2 s1
c osd pool rmsnap p2 s1
c osd out 1
c osd in 1
c osd pool set p2 pg_num 32
c osd pool set-quota p2 max_objects 100
c osd pool create gone 8 8
c tell mon.a injectargs --mon_allow_pool_delete=true
c osd pool rm gone gone --yes-i-really-really-mean-it
c osd rm-pg-upmap-items 1.0
c osd blocklist add 127.0.0.1:0/1234
scripts/ceph-lab kill osd.2 --dir "$DIR"
c osd down 2
c osd out 2
c osd crush remove osd.2
c osd rm 2
sleep 3
scripts/ceph-lab kill mon.a --dir "$DIR" --signal TERM
STORE=$(mktemp -d)
cp -r "$DIR"/mon/ceph-a/store.db "$STORE"/
scripts/ceph-lab stop --dir "$DIR"
rm -f "$HERE"/inc-*.bin "$HERE"/full-*.bin
for e in $(ceph-kvstore-tool rocksdb "$STORE/store.db" list osdmap | awk '$2 ~ /^[0-9]+$/ {print $2}' | sort -n); do
    ceph-kvstore-tool rocksdb "$STORE/store.db" get osdmap "$e" out "$HERE/inc-$e.bin" >/dev/null
    ceph-kvstore-tool rocksdb "$STORE/store.db" get osdmap "full_$e" out "$HERE/full-$e.bin" >/dev/null
done
rm -rf "$STORE"
ls "$HERE" | grep -c '^inc-' >&2
