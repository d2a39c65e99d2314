package io.inkwire.rados.placement;

import io.inkwire.codec.osd.crush.ChooseArgMap;
import io.inkwire.codec.osd.crush.CrushBucket;
import io.inkwire.codec.osd.crush.CrushMap;
import io.inkwire.codec.osd.crush.CrushRule;
import java.util.Map;

/** Test helper: a CRUSH map rebuilt with some parts replaced. */
final class CrushMapCopies {

    private CrushMapCopies() {
    }

    static CrushBucket[] buckets(CrushMap m) {
        CrushBucket[] b = new CrushBucket[m.maxBuckets()];
        for (int i = 0; i < b.length; i++) {
            b[i] = m.bucket(-1 - i);
        }
        return b;
    }

    static CrushRule[] rules(CrushMap m) {
        CrushRule[] r = new CrushRule[m.maxRules()];
        for (int i = 0; i < r.length; i++) {
            r[i] = m.rule(i);
        }
        return r;
    }

    static CrushMap withChooseArgs(CrushMap m, Map<Long, ChooseArgMap> chooseArgs) {
        return new CrushMap(m.maxDevices(), buckets(m), rules(m), m.typeNames(), m.itemNames(), m.ruleNames(),
                m.tunables(), m.deviceClasses(), m.classNames(), m.classBuckets(), chooseArgs);
    }
}
