package io.inkwire.codec.osd.crush;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A CRUSH map as {@code CrushWrapper::encode} writes it ({@code src/crush/CrushWrapper.cc}): the
 * bucket hierarchy, the rules, names, tunables, device classes and choose_args. Immutable.
 *
 * <p>Wire form: {@code u32 magic 0x00010000, s32 max_buckets, u32 max_rules, s32 max_devices}; per
 * bucket slot {@code u32 alg} (0 = empty) then {@code s32 id, u16 type, u8 alg, u8 hash, u32 weight,
 * u32 size, s32 items[size]} and the algorithm's tail; per rule slot {@code u32 present} then
 * {@code u32 len, u8 ruleset, u8 type, u8 min_size, u8 max_size, (u32 op, s32 arg1, s32 arg2)[len]};
 * the type, item and rule names; then, each only if bytes remain, the tunables, the device classes
 * and the choose_args. What older maps lack decodes as the legacy (argonaut) defaults.
 *
 * <p>max_devices is not taken from the wire: as {@code crush_finalize} does after Ceph's decode, it is
 * one more than the highest device any bucket holds.
 *
 * <p>Decoding refuses what would make a mapping crash or loop rather than fail: a bucket whose id
 * does not match its slot, an item naming a bucket that does not exist, a bucket that contains
 * itself or an ancestor, choose_args for a bucket that does not exist or with ids that do not match
 * its size. choose_args of buckets that are not straw2 are dropped and mis-sized weight sets are
 * zero-padded or cut, as {@code CrushWrapper::update_choose_args} repairs a decoded map.
 */
public final class CrushMap {

    /** {@code CRUSH_MAGIC}. */
    public static final long MAGIC = 0x00010000L;
    /** {@code DEFAULT_CHOOSE_ARGS}: the choose_args set used when a pool has none of its own. */
    public static final long DEFAULT_CHOOSE_ARGS = -1;
    /** {@code CRUSH_ITEM_UNDEF}: an indep slot not yet filled. */
    public static final int ITEM_UNDEF = 0x7ffffffe;
    /** {@code CRUSH_ITEM_NONE}: no item (an indep hole, an EC shard without an OSD). */
    public static final int ITEM_NONE = 0x7fffffff;

    private final int maxDevices;
    private final CrushBucket[] buckets;
    private final CrushRule[] rules;
    private final SortedMap<Integer, String> typeNames;
    private final SortedMap<Integer, String> itemNames;
    private final SortedMap<Integer, String> ruleNames;
    private final CrushTunables tunables;
    private final SortedMap<Integer, Integer> deviceClasses;
    private final SortedMap<Integer, String> classNames;
    private final SortedMap<Integer, SortedMap<Integer, Integer>> classBuckets;
    private final SortedMap<Long, ChooseArgMap> chooseArgs;
    /** Every rule's ruleset equals its id ({@code have_uniform_rules}). */
    private final boolean uniformRules;

    /**
     * @param maxDevices one more than the highest device id the map may name
     * @param buckets bucket slots, {@code buckets[-1 - id]}, null for an empty slot
     * @param rules rule slots by rule id, null for an empty slot
     * @param typeNames type id → name (0 is the device type, usually "osd")
     * @param itemNames item id → name (devices and buckets)
     * @param ruleNames rule id → name
     * @param tunables the map-wide tunables
     * @param deviceClasses item → class id ({@code class_map})
     * @param classNames class id → name ({@code class_name})
     * @param classBuckets bucket id → class id → shadow bucket id ({@code class_bucket})
     * @param chooseArgs choose_args sets by pool id, or {@link #DEFAULT_CHOOSE_ARGS}
     * @throws IllegalArgumentException when the hierarchy is broken (see the class comment)
     */
    public CrushMap(int maxDevices, CrushBucket[] buckets, CrushRule[] rules, Map<Integer, String> typeNames,
                    Map<Integer, String> itemNames, Map<Integer, String> ruleNames, CrushTunables tunables,
                    Map<Integer, Integer> deviceClasses, Map<Integer, String> classNames,
                    Map<Integer, ? extends Map<Integer, Integer>> classBuckets, Map<Long, ChooseArgMap> chooseArgs) {
        if (maxDevices < 0) {
            throw new IllegalArgumentException("max_devices is negative: " + maxDevices);
        }
        this.maxDevices = maxDevices;
        this.buckets = buckets.clone();
        this.rules = rules.clone();
        this.typeNames = sorted(typeNames);
        this.itemNames = sorted(itemNames);
        this.ruleNames = sorted(ruleNames);
        this.tunables = Objects.requireNonNull(tunables, "tunables");
        this.deviceClasses = sorted(deviceClasses);
        this.classNames = sorted(classNames);
        SortedMap<Integer, SortedMap<Integer, Integer>> cb = new TreeMap<>();
        classBuckets.forEach((k, v) -> cb.put(k, sorted(v)));
        this.classBuckets = Collections.unmodifiableSortedMap(cb);
        checkHierarchy();
        boolean uniform = true;
        for (CrushRule r : this.rules) {
            uniform &= r == null || r.ruleset() == r.id();
        }
        this.uniformRules = uniform;
        this.chooseArgs = Collections.unmodifiableSortedMap(repairChooseArgs(chooseArgs));
    }

    private static <K, V> SortedMap<K, V> sorted(Map<K, V> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    private void checkHierarchy() {
        for (int i = 0; i < buckets.length; i++) {
            CrushBucket b = buckets[i];
            if (b == null) {
                continue;
            }
            if (b.id() != -1 - i) {
                throw new IllegalArgumentException("bucket slot " + i + " holds bucket " + b.id() + ", not " + (-1 - i));
            }
            for (int p = 0; p < b.size(); p++) {
                int item = b.item(p);
                if (item < 0 && bucket(item) == null) {
                    throw new IllegalArgumentException("bucket " + b.id() + " holds bucket " + item + ", which does not exist");
                }
            }
        }
        for (int i = 0; i < rules.length; i++) {
            if (rules[i] != null && rules[i].id() != i) {
                throw new IllegalArgumentException("rule slot " + i + " holds rule " + rules[i].id());
            }
        }
        checkNoLoops();
    }

    /** An iterative depth-first walk (no recursion: a hostile chain may be as long as the map). */
    private void checkNoLoops() {
        byte[] state = new byte[buckets.length]; // 0 unseen, 1 on the current path, 2 done
        int[] nextPos = new int[buckets.length];
        Deque<Integer> path = new ArrayDeque<>();
        for (int start = 0; start < buckets.length; start++) {
            if (buckets[start] == null || state[start] != 0) {
                continue;
            }
            path.push(start);
            state[start] = 1;
            while (!path.isEmpty()) {
                int at = path.peek();
                CrushBucket b = buckets[at];
                if (nextPos[at] == b.size()) {
                    state[at] = 2;
                    path.pop();
                    continue;
                }
                int item = b.item(nextPos[at]++);
                if (item >= 0) {
                    continue;
                }
                int child = -1 - item;
                if (state[child] == 1) {
                    throw new IllegalArgumentException("bucket " + b.id() + " holds bucket " + item
                            + ", which contains it (a loop in the hierarchy)");
                }
                if (state[child] == 0) {
                    state[child] = 1;
                    path.push(child);
                }
            }
        }
    }

    private SortedMap<Long, ChooseArgMap> repairChooseArgs(Map<Long, ChooseArgMap> in) {
        SortedMap<Long, ChooseArgMap> out = new TreeMap<>();
        in.forEach((key, argMap) -> {
            Map<Integer, ChooseArg> kept = new HashMap<>();
            argMap.entries().forEach((index, arg) -> {
                CrushBucket b = index >= 0 && index < buckets.length ? buckets[index] : null;
                if (b == null) {
                    throw new IllegalArgumentException("choose_args " + key + " names bucket index " + index
                            + ", which does not exist");
                }
                if (arg.idsSize() != 0 && arg.idsSize() != b.size()) {
                    throw new IllegalArgumentException("choose_args " + key + " has " + arg.idsSize()
                            + " ids for bucket " + b.id() + " of " + b.size() + " items");
                }
                if (b.alg() != CrushBucketAlg.STRAW2 || (arg.weightSetPositions() == 0 && arg.idsSize() == 0)) {
                    return; // only straw2 reads them; update_choose_args strips the rest
                }
                boolean misSized = false;
                for (int p = 0; p < arg.weightSetPositions(); p++) {
                    misSized |= arg.weightSetSize(p) != b.size();
                }
                kept.put(index, misSized ? arg.resizedTo(b.size()) : arg);
            });
            out.put(key, new ChooseArgMap(kept));
        });
        return out;
    }

    /** Decodes a whole CRUSH blob (the {@code crush} bufferlist of an OSDMap or its incremental). */
    public static CrushMap decode(ByteBuffer blob) throws ProtocolException {
        return decode(new CephDecoder(blob, "CrushMap"));
    }

    public static CrushMap decode(byte[] blob) throws ProtocolException {
        return decode(new CephDecoder(blob, "CrushMap"));
    }

    /**
     * Decodes a CRUSH map from what remains of {@code d}: the optional trailing sections are read
     * only while bytes remain, so {@code d} must end where the blob ends.
     */
    public static CrushMap decode(CephDecoder d) throws ProtocolException {
        long magic = d.u32();
        if (magic != MAGIC) {
            throw d.error("bad CRUSH magic 0x" + Long.toHexString(magic));
        }
        int maxBuckets = d.s32();
        long maxRules = d.u32();
        d.s32(); // max_devices: recomputed below, as Ceph does
        if (maxBuckets < 0 || (long) maxBuckets * 4 > d.remaining()) {
            throw d.error("max_buckets " + maxBuckets + " does not fit the " + d.remaining() + " bytes left");
        }
        if (maxRules * 4 > d.remaining() - 4L * maxBuckets) {
            throw d.error("max_rules " + maxRules + " does not fit the " + d.remaining() + " bytes left");
        }
        CrushBucket[] buckets = new CrushBucket[maxBuckets];
        for (int i = 0; i < maxBuckets; i++) {
            buckets[i] = decodeBucket(d);
        }
        // CrushWrapper::decode ends in crush_finalize (src/crush/builder.c), which throws the encoded
        // max_devices away for one more than the highest device a bucket holds: so here, and a
        // hostile 2^31−1 or negative value is as harmless as in Ceph
        int maxDevices = devicesHeld(buckets);
        CrushRule[] rules = new CrushRule[(int) maxRules];
        for (int i = 0; i < maxRules; i++) {
            rules[i] = decodeRule(d, i);
        }
        Map<Integer, String> typeNames = decodeNameMap(d, "type names");
        Map<Integer, String> itemNames = decodeNameMap(d, "item names");
        Map<Integer, String> ruleNames = decodeNameMap(d, "rule names");
        CrushTunables tunables = decodeTunables(d);
        Map<Integer, Integer> classMap = Map.of();
        Map<Integer, String> className = Map.of();
        Map<Integer, Map<Integer, Integer>> classBucket = Map.of();
        if (d.hasRemaining()) {
            classMap = decodeIntMap(d, "class_map");
            className = decodeStringMap(d, "class_name");
            int n = d.count("class_bucket", 8);
            classBucket = new HashMap<>();
            for (int i = 0; i < n; i++) {
                classBucket.put(d.s32(), decodeIntMap(d, "class_bucket entry"));
            }
        }
        Map<Long, ChooseArgMap> chooseArgs = Map.of();
        if (d.hasRemaining()) {
            chooseArgs = decodeChooseArgs(d, maxBuckets);
        }
        // Squid appends msr_descents and msr_collision_tries; no Pacific rule uses them
        try {
            return new CrushMap(maxDevices, buckets, rules, typeNames, itemNames, ruleNames, tunables,
                    classMap, className, classBucket, chooseArgs);
        } catch (IllegalArgumentException e) {
            throw d.error(e.getMessage());
        }
    }

    /** {@code crush_finalize}'s max_devices: one more than the highest device item, 0 when there is none. */
    private static int devicesHeld(CrushBucket[] buckets) {
        long max = 0;
        for (CrushBucket b : buckets) {
            for (int p = 0; b != null && p < b.size(); p++) {
                max = Math.max(max, b.item(p) + 1L); // an item of 2^31−1 (ITEM_NONE) must not wrap
            }
        }
        return (int) Math.min(max, Integer.MAX_VALUE);
    }

    private static CrushBucket decodeBucket(CephDecoder d) throws ProtocolException {
        long alg = d.u32();
        if (alg == 0) {
            return null;
        }
        CrushBucketAlg a = CrushBucketAlg.fromCode(alg);
        if (a == null) {
            throw d.error("unsupported bucket algorithm: " + alg);
        }
        int id = d.s32();
        int type = d.u16();
        int innerAlg = d.u8();
        int hash = d.u8();
        int weight = d.s32();
        int size = d.count("bucket " + id + " items", 4);
        if (innerAlg != a.code()) {
            throw d.error("bucket " + id + " says alg " + alg + " then " + innerAlg);
        }
        if (id >= 0) {
            throw d.error("bucket id " + id + " is not negative");
        }
        int[] items = ints(d, size);
        try {
            return switch (a) {
                case UNIFORM -> CrushBucket.uniform(id, type, hash, weight, items, d.s32());
                case LIST -> {
                    checkFits(d, size, 8, id);
                    int[] w = new int[size];
                    int[] sums = new int[size];
                    for (int j = 0; j < size; j++) {
                        w[j] = d.s32();
                        sums[j] = d.s32();
                    }
                    yield CrushBucket.list(id, type, hash, weight, items, w, sums);
                }
                case TREE -> {
                    int numNodes = d.u8();
                    yield CrushBucket.tree(id, type, hash, weight, items, ints(d, numNodes));
                }
                case STRAW -> {
                    checkFits(d, size, 8, id);
                    int[] w = new int[size];
                    int[] straws = new int[size];
                    for (int j = 0; j < size; j++) {
                        w[j] = d.s32();
                        straws[j] = d.s32();
                    }
                    yield CrushBucket.straw(id, type, hash, weight, items, w, straws);
                }
                case STRAW2 -> CrushBucket.straw2(id, type, hash, weight, items, ints(d, size));
            };
        } catch (IllegalArgumentException e) {
            throw d.error(e.getMessage());
        }
    }

    private static void checkFits(CephDecoder d, int n, int each, int bucket) throws ProtocolException {
        if ((long) n * each > d.remaining()) {
            throw d.error("bucket " + bucket + ": " + n + " weights do not fit the " + d.remaining() + " bytes left");
        }
    }

    private static int[] ints(CephDecoder d, int n) throws ProtocolException {
        if ((long) n * 4 > d.remaining()) {
            throw d.error(n + " s32 do not fit the " + d.remaining() + " bytes left");
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = d.s32();
        }
        return out;
    }

    private static CrushRule decodeRule(CephDecoder d, int id) throws ProtocolException {
        long present = d.u32();
        if (present == 0) {
            return null;
        }
        long len = d.u32();
        if (len * 12 > d.remaining() - 4L) {
            throw d.error("rule " + id + ": " + len + " steps do not fit the " + d.remaining() + " bytes left");
        }
        int ruleset = d.u8();
        int type = d.u8();
        int minSize = d.u8();
        int maxSize = d.u8();
        CrushRuleStep[] steps = new CrushRuleStep[(int) len];
        for (int j = 0; j < len; j++) {
            steps[j] = new CrushRuleStep(d.s32(), d.s32(), d.s32());
        }
        return new CrushRule(id, ruleset, type, minSize, maxSize, Arrays.asList(steps));
    }

    /**
     * {@code decode_32_or_64_string_map}: an old bug wrote some keys as 64 bits; a key is followed by
     * the string length, so a zero length means the key had four more bytes and the length follows.
     */
    private static Map<Integer, String> decodeNameMap(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 8);
        Map<Integer, String> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int key = d.s32();
            long len = d.u32();
            if (len == 0) {
                len = d.u32();
            }
            if (len > d.remaining()) {
                throw d.error(what + ": name length " + len + " exceeds the " + d.remaining() + " bytes left");
            }
            out.put(key, new String(d.raw((int) len), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static CrushTunables decodeTunables(CephDecoder d) throws ProtocolException {
        CrushTunables legacy = CrushTunables.ARGONAUT;
        long localTries = legacy.chooseLocalTries();
        long fallbackTries = legacy.chooseLocalFallbackTries();
        long totalTries = legacy.chooseTotalTries();
        long descendOnce = legacy.chooseleafDescendOnce();
        int varyR = legacy.chooseleafVaryR();
        int strawCalc = legacy.strawCalcVersion();
        long allowedAlgs = legacy.allowedBucketAlgs();
        int stable = legacy.chooseleafStable();
        if (d.hasRemaining()) {
            localTries = d.u32();
            fallbackTries = d.u32();
            totalTries = d.u32();
        }
        if (d.hasRemaining()) {
            descendOnce = d.u32();
        }
        if (d.hasRemaining()) {
            varyR = d.u8();
        }
        if (d.hasRemaining()) {
            strawCalc = d.u8();
        }
        if (d.hasRemaining()) {
            allowedAlgs = d.u32();
        }
        if (d.hasRemaining()) {
            stable = d.u8();
        }
        return new CrushTunables(localTries, fallbackTries, totalTries, descendOnce, varyR, stable, strawCalc, allowedAlgs);
    }

    private static Map<Integer, Integer> decodeIntMap(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 8);
        Map<Integer, Integer> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(d.s32(), d.s32());
        }
        return out;
    }

    private static Map<Integer, String> decodeStringMap(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 8);
        Map<Integer, String> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(d.s32(), d.string());
        }
        return out;
    }

    private static Map<Long, ChooseArgMap> decodeChooseArgs(CephDecoder d, int maxBuckets) throws ProtocolException {
        int n = d.count("choose_args", 12);
        Map<Long, ChooseArgMap> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long key = d.u64();
            int entries = d.count("choose_args " + key, 12);
            Map<Integer, ChooseArg> args = new HashMap<>();
            for (int j = 0; j < entries; j++) {
                long index = d.u32();
                if (index >= maxBuckets) {
                    throw d.error("choose_args " + key + " names bucket index " + index + " of " + maxBuckets);
                }
                int positions = d.count("weight_set_positions", 4);
                int[][] weightSets = new int[positions][];
                for (int p = 0; p < positions; p++) {
                    weightSets[p] = ints(d, d.count("weight_set", 4));
                }
                int[] ids = ints(d, d.count("ids", 4));
                args.put((int) index, new ChooseArg(weightSets, ids));
            }
            out.put(key, new ChooseArgMap(args));
        }
        return out;
    }

    /** The encoding a Pacific monitor writes for Luminous-or-newer peers (every section present). */
    public byte[] encode() {
        CephEncoder e = new CephEncoder(1024);
        encode(e);
        return e.toByteArray();
    }

    public void encode(CephEncoder e) {
        e.u32(MAGIC).u32(buckets.length).u32(rules.length).u32(maxDevices);
        for (CrushBucket b : buckets) {
            if (b == null) {
                e.u32(0);
                continue;
            }
            e.u32(b.alg().code()).u32(b.id()).u16(b.type()).u8(b.alg().code()).u8(b.hash()).u32(b.weightRaw());
            e.u32(b.size());
            for (int p = 0; p < b.size(); p++) {
                e.u32(b.item(p));
            }
            switch (b.alg()) {
                case UNIFORM -> e.u32(b.uniformItemWeightRaw());
                case LIST -> {
                    for (int p = 0; p < b.size(); p++) {
                        e.u32(b.itemWeightsRaw()[p]).u32(b.sumWeightsRaw()[p]);
                    }
                }
                case TREE -> {
                    e.u8(b.nodeWeightsRaw().length);
                    for (int w : b.nodeWeightsRaw()) {
                        e.u32(w);
                    }
                }
                case STRAW -> {
                    for (int p = 0; p < b.size(); p++) {
                        e.u32(b.itemWeightsRaw()[p]).u32(b.strawsRaw()[p]);
                    }
                }
                case STRAW2 -> {
                    for (int w : b.itemWeightsRaw()) {
                        e.u32(w);
                    }
                }
            }
        }
        for (CrushRule r : rules) {
            if (r == null) {
                e.u32(0);
                continue;
            }
            e.u32(1).u32(r.steps().size()).u8(r.ruleset()).u8(r.type()).u8(r.minSize()).u8(r.maxSize());
            for (CrushRuleStep s : r.steps()) {
                e.u32(s.op()).u32(s.arg1()).u32(s.arg2());
            }
        }
        encode32Or64Names(e, typeNames);
        encode32Or64Names(e, itemNames);
        encode32Or64Names(e, ruleNames);
        e.u32(tunables.chooseLocalTries()).u32(tunables.chooseLocalFallbackTries()).u32(tunables.chooseTotalTries());
        e.u32(tunables.chooseleafDescendOnce()).u8(tunables.chooseleafVaryR()).u8(tunables.strawCalcVersion());
        e.u32(tunables.allowedBucketAlgs()).u8(tunables.chooseleafStable());
        e.u32(deviceClasses.size());
        deviceClasses.forEach((k, v) -> e.u32(k).u32(v));
        encodeNames(e, classNames);
        e.u32(classBuckets.size());
        classBuckets.forEach((bucket, byClass) -> {
            e.u32(bucket).u32(byClass.size());
            byClass.forEach((k, v) -> e.u32(k).u32(v));
        });
        e.u32(chooseArgs.size());
        chooseArgs.forEach((key, argMap) -> {
            e.u64(key).u32(argMap.entries().size());
            argMap.entries().forEach((index, arg) -> {
                e.u32(index).u32(arg.weightSetPositions());
                for (int[] ws : arg.weightSetsRaw()) {
                    e.u32(ws.length);
                    for (int w : ws) {
                        e.u32(w);
                    }
                }
                e.u32(arg.idsSize());
                for (int id : arg.idsRaw()) {
                    e.u32(id);
                }
            });
        });
    }

    private static void encodeNames(CephEncoder e, Map<Integer, String> names) {
        e.u32(names.size());
        names.forEach((k, v) -> e.u32(k).string(v));
    }

    /**
     * The type, item and rule names, read back by {@code decode_32_or_64_string_map}: an empty name
     * is written with its key as 64 bits (the zero upper half reads as a zero length, then the real
     * length follows), as the plain form would be taken for that and misread what follows.
     */
    private static void encode32Or64Names(CephEncoder e, Map<Integer, String> names) {
        e.u32(names.size());
        names.forEach((k, v) -> {
            e.u32(k);
            if (v.isEmpty()) {
                e.u32(0);
            }
            e.string(v);
        });
    }

    /** One more than the highest device id ({@code max_devices}). */
    public int maxDevices() {
        return maxDevices;
    }

    /** The number of bucket slots ({@code max_buckets}). */
    public int maxBuckets() {
        return buckets.length;
    }

    /** The bucket with id {@code id} (negative), or null when there is none. */
    public CrushBucket bucket(int id) {
        int index = -1 - id;
        return id < 0 && index < buckets.length ? buckets[index] : null;
    }

    /** The number of rule slots ({@code max_rules}). */
    public int maxRules() {
        return rules.length;
    }

    /** The rule with id {@code id}, or null. */
    public CrushRule rule(int id) {
        return id >= 0 && id < rules.length ? rules[id] : null;
    }

    /**
     * The rule a pool of this type and size uses when it names {@code ruleset}
     * ({@code CrushWrapper::find_rule}): the rule with that id when every rule's ruleset equals its id
     * (as Luminous and later maintain) and its type matches; otherwise the first rule with that
     * ruleset and type whose legacy size range contains {@code size}. −1 when none fits.
     */
    public int findRule(int ruleset, int type, int size) {
        if (uniformRules && ruleset >= 0 && ruleset < rules.length && rules[ruleset] != null && rules[ruleset].type() == type) {
            return ruleset;
        }
        for (CrushRule r : rules) {
            if (r != null && r.ruleset() == ruleset && r.type() == type && r.minSize() <= size && r.maxSize() >= size) {
                return r.id();
            }
        }
        return -1;
    }

    public SortedMap<Integer, String> typeNames() {
        return typeNames;
    }

    public SortedMap<Integer, String> itemNames() {
        return itemNames;
    }

    public SortedMap<Integer, String> ruleNames() {
        return ruleNames;
    }

    public CrushTunables tunables() {
        return tunables;
    }

    /** Device → class id. */
    public SortedMap<Integer, Integer> deviceClasses() {
        return deviceClasses;
    }

    /** Class id → class name. */
    public SortedMap<Integer, String> classNames() {
        return classNames;
    }

    /** Bucket id → class id → its shadow bucket ("default~hdd"). */
    public SortedMap<Integer, SortedMap<Integer, Integer>> classBuckets() {
        return classBuckets;
    }

    /** Every choose_args set, by pool id (or {@link #DEFAULT_CHOOSE_ARGS}). */
    public SortedMap<Long, ChooseArgMap> chooseArgs() {
        return chooseArgs;
    }

    /**
     * The choose_args a mapping for {@code poolId} uses ({@code choose_args_get_with_fallback}): the
     * pool's own, else the default set, else null.
     */
    public ChooseArgMap chooseArgsFor(long poolId) {
        ChooseArgMap m = chooseArgs.get(poolId);
        return m != null ? m : chooseArgs.get(DEFAULT_CHOOSE_ARGS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrushMap m && maxDevices == m.maxDevices && Arrays.equals(buckets, m.buckets)
                && Arrays.equals(rules, m.rules) && typeNames.equals(m.typeNames) && itemNames.equals(m.itemNames)
                && ruleNames.equals(m.ruleNames) && tunables.equals(m.tunables) && deviceClasses.equals(m.deviceClasses)
                && classNames.equals(m.classNames) && classBuckets.equals(m.classBuckets) && chooseArgs.equals(m.chooseArgs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxDevices, Arrays.hashCode(buckets), tunables);
    }

    @Override
    public String toString() {
        return "CrushMap[" + buckets.length + " bucket slots, " + rules.length + " rule slots, max_devices "
                + maxDevices + ", tunables " + tunables.profile() + "]";
    }
}
