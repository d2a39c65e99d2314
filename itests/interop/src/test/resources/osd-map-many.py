#!/usr/bin/python3
# What `ceph osd map POOL OBJECT [NAMESPACE] -f json` prints, for many objects in one process:
# the same "osd map" command sent to the monitor through Ceph's own python3-rados binding, so that
# thousands of names take seconds, not one `ceph` process each. Reads "POOL<TAB>NAMESPACE<TAB>OBJECT"
# lines on stdin, prints the monitor's JSON answer, one line each, in order.
import json
import sys

import rados

cluster = rados.Rados(conffile=sys.argv[1])
cluster.connect(timeout=30)
try:
    for line in sys.stdin:
        pool, nspace, obj = line.rstrip("\n").split("\t")
        cmd = {"prefix": "osd map", "pool": pool, "object": obj, "format": "json"}
        if nspace:
            cmd["nspace"] = nspace
        ret, out, err = cluster.mon_command(json.dumps(cmd), b"")
        if ret != 0:
            sys.exit("osd map %s/%s/%s: %d %s" % (pool, nspace, obj, ret, err))
        sys.stdout.write(out.decode().strip() + "\n")
finally:
    cluster.shutdown()
