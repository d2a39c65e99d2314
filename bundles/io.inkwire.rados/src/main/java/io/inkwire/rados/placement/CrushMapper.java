package io.inkwire.rados.placement;

import io.inkwire.codec.osd.crush.ChooseArg;
import io.inkwire.codec.osd.crush.ChooseArgMap;
import io.inkwire.codec.osd.crush.CrushBucket;
import io.inkwire.codec.osd.crush.CrushBucketAlg;
import io.inkwire.codec.osd.crush.CrushMap;
import io.inkwire.codec.osd.crush.CrushRule;
import io.inkwire.codec.osd.crush.CrushRuleStep;
import io.inkwire.codec.osd.crush.CrushTunables;
import java.util.Arrays;

/**
 * {@code crush_do_rule} ({@code src/crush/mapper.c}): maps an input x to up to {@code resultMax}
 * items by running a rule's steps over the bucket hierarchy.
 *
 * <p>The retry rules follow Ceph's mapper exactly, including the quirks a mapping depends on (the
 * off-by-one total tries, local retries counted as retries, indep positions that keep their holes
 * as {@link CrushMap#ITEM_NONE}). Bucket permutations are recomputed per call rather than cached: the
 * cached permutation Ceph keeps in its workspace is a pure function of (x, r), so the results are the
 * same.
 *
 * <p>Work is bounded: a mapping that makes more than {@link #WORK_LIMIT} choice attempts and bucket
 * item examinations (a hostile map with absurd try counts or replica numbers, say) fails with
 * {@link CrushMappingException} instead of spinning. Ceph's mapper has no such bound: it trusts
 * {@code choose_total_tries} and the rule's numrep ({@code src/crush/mapper.c}), and
 * {@code CRUSH_MAX_DEPTH} is only a documented hierarchy depth, never checked while descending. Here
 * the descent is iterative and the hierarchy loop-free once {@link CrushMap} has decoded it, so the
 * work bound is the only one a mapping needs.
 */
public final class CrushMapper {

    /**
     * Choice attempts plus bucket items a single mapping may examine: about 0.1 s of work. Real maps
     * need a few hundred; 120,000 OSDs under 100 racks of 50 hosts, an EC rule of 20 positions and
     * every try failing, about 180,000.
     */
    public static final long WORK_LIMIT = 2_000_000;

    private static final long S64_MIN = Long.MIN_VALUE;

    private final CrushMap map;
    private final int[] weight;
    private final ChooseArgMap chooseArgs;
    /** The rule and input being mapped, for the error message. */
    private final int ruleno;
    private final int inputX;
    private long work;

    private CrushMapper(CrushMap map, int ruleno, int x, int[] weight, ChooseArgMap chooseArgs) {
        this.map = map;
        this.ruleno = ruleno;
        this.inputX = x;
        this.weight = weight;
        this.chooseArgs = chooseArgs;
    }

    /**
     * Runs rule {@code ruleno} for input {@code x}.
     *
     * @param weight per-device weights, 16.16 unsigned as {@code int} bits ({@code 0x10000} in, 0 out);
     *               devices past its end count as out
     * @param chooseArgs the choose_args to use, or null for the buckets' own weights and ids
     * @return the result, at most {@code resultMax} items; indep rules keep {@link CrushMap#ITEM_NONE} holes
     * @throws CrushMappingException when the mapping exceeds {@link #WORK_LIMIT}
     */
    public static int[] doRule(CrushMap map, int ruleno, int x, int resultMax, int[] weight, ChooseArgMap chooseArgs) {
        CrushRule rule = map.rule(ruleno);
        if (rule == null || resultMax <= 0) {
            return new int[0];
        }
        return new CrushMapper(map, ruleno, x, weight, chooseArgs).run(rule, x, resultMax);
    }

    private int[] run(CrushRule rule, int x, int resultMax) {
        CrushTunables t = map.tunables();
        int[] result = new int[resultMax];
        int resultLen = 0;
        int[] w = new int[resultMax];
        int[] o = new int[resultMax];
        int[] c = new int[resultMax];
        int wsize = 0;
        // the original choose_total_tries counted retries, not tries: one more
        int chooseTries = (int) t.chooseTotalTries() + 1;
        int chooseLeafTries = 0;
        int chooseLocalRetries = (int) t.chooseLocalTries();
        int chooseLocalFallbackRetries = (int) t.chooseLocalFallbackTries();
        int varyR = t.chooseleafVaryR();
        int stable = t.chooseleafStable();

        for (CrushRuleStep step : rule.steps()) {
            int op = step.op();
            int arg1 = step.arg1();
            switch (op) {
                case CrushRuleStep.TAKE -> {
                    if ((arg1 >= 0 && arg1 < map.maxDevices()) || map.bucket(arg1) != null) {
                        w[0] = arg1;
                        wsize = 1;
                    }
                }
                case CrushRuleStep.SET_CHOOSE_TRIES -> chooseTries = arg1 > 0 ? arg1 : chooseTries;
                case CrushRuleStep.SET_CHOOSELEAF_TRIES -> chooseLeafTries = arg1 > 0 ? arg1 : chooseLeafTries;
                case CrushRuleStep.SET_CHOOSE_LOCAL_TRIES -> chooseLocalRetries = arg1 >= 0 ? arg1 : chooseLocalRetries;
                case CrushRuleStep.SET_CHOOSE_LOCAL_FALLBACK_TRIES ->
                        chooseLocalFallbackRetries = arg1 >= 0 ? arg1 : chooseLocalFallbackRetries;
                case CrushRuleStep.SET_CHOOSELEAF_VARY_R -> varyR = arg1 >= 0 ? arg1 : varyR;
                case CrushRuleStep.SET_CHOOSELEAF_STABLE -> stable = arg1 >= 0 ? arg1 : stable;
                case CrushRuleStep.CHOOSE_FIRSTN, CrushRuleStep.CHOOSELEAF_FIRSTN,
                        CrushRuleStep.CHOOSE_INDEP, CrushRuleStep.CHOOSELEAF_INDEP -> {
                    if (wsize == 0) {
                        break;
                    }
                    boolean firstn = op == CrushRuleStep.CHOOSE_FIRSTN || op == CrushRuleStep.CHOOSELEAF_FIRSTN;
                    boolean recurseToLeaf = op == CrushRuleStep.CHOOSELEAF_FIRSTN || op == CrushRuleStep.CHOOSELEAF_INDEP;
                    int osize = 0;
                    for (int i = 0; i < wsize; i++) {
                        int numrep = arg1;
                        if (numrep <= 0) {
                            numrep += resultMax;
                            if (numrep <= 0) {
                                continue;
                            }
                        }
                        CrushBucket from = map.bucket(w[i]); // null for a device or ITEM_NONE
                        if (from == null) {
                            continue;
                        }
                        if (firstn) {
                            int recurseTries = chooseLeafTries != 0 ? chooseLeafTries
                                    : t.chooseleafDescendOnce() != 0 ? 1 : chooseTries;
                            osize += chooseFirstn(from, x, numrep, step.arg2(), o, osize, 0, resultMax - osize,
                                    u32(chooseTries), u32(recurseTries), u32(chooseLocalRetries),
                                    u32(chooseLocalFallbackRetries), recurseToLeaf, varyR, stable, c, osize, 0);
                        } else {
                            int outSize = Math.min(numrep, resultMax - osize);
                            chooseIndep(from, x, outSize, numrep, step.arg2(), o, osize, 0, u32(chooseTries),
                                    u32(chooseLeafTries != 0 ? chooseLeafTries : 1), recurseToLeaf, c, osize, 0);
                            osize += outSize;
                        }
                    }
                    if (recurseToLeaf) {
                        System.arraycopy(c, 0, o, 0, osize);
                    }
                    int[] tmp = o;
                    o = w;
                    w = tmp;
                    wsize = osize;
                }
                case CrushRuleStep.EMIT -> {
                    for (int i = 0; i < wsize && resultLen < resultMax; i++) {
                        result[resultLen++] = w[i];
                    }
                    wsize = 0;
                }
                default -> {
                    // NOOP and unknown ops do nothing, as in Ceph
                }
            }
        }
        return Arrays.copyOf(result, resultLen);
    }

    /** C's int → unsigned int conversion, as the mapper's tries parameters take it. */
    private static long u32(int v) {
        return Integer.toUnsignedLong(v);
    }

    /**
     * {@code crush_choose_firstn}: up to {@code numrep} distinct items of {@code type} into
     * {@code out[outBase + outpos…]}, at most {@code outSize} of them; with {@code recurseToLeaf} a
     * device under each into {@code out2[out2Base + …]}. Returns the new outpos.
     */
    private int chooseFirstn(CrushBucket bucket, int x, int numrep, int type, int[] out, int outBase, int outpos,
                             int outSize, long tries, long recurseTries, long localRetries, long localFallbackRetries,
                             boolean recurseToLeaf, int varyR, int stable, int[] out2, int out2Base, int parentR) {
        int count = outSize;
        for (int rep = stable != 0 ? 0 : outpos; rep < numrep && count > 0; rep++) {
            long ftotal = 0;
            boolean skipRep = false;
            int item = 0;
            boolean retryDescent;
            do {
                retryDescent = false;
                CrushBucket in = bucket;
                long flocal = 0;
                boolean retryBucket;
                do {
                    spend(1); // every attempt counts, even on an empty bucket, so absurd tries cannot spin for free
                    boolean collide = false;
                    boolean reject;
                    retryBucket = false;
                    int r = rep + parentR + (int) ftotal;
                    if (in.size() == 0) {
                        reject = true;
                    } else {
                        if (localFallbackRetries > 0 && flocal >= (in.size() >>> 1) && flocal > localFallbackRetries) {
                            item = permChoose(in, x, r);
                        } else {
                            item = bucketChoose(in, x, r, outpos);
                        }
                        if (item >= map.maxDevices()) {
                            skipRep = true;
                            break;
                        }
                        int itemType = item < 0 ? map.bucket(item).type() : 0;
                        if (itemType != type) {
                            if (item >= 0) {
                                skipRep = true;
                                break;
                            }
                            in = map.bucket(item);
                            retryBucket = true;
                            continue;
                        }
                        for (int i = 0; i < outpos; i++) {
                            if (out[outBase + i] == item) {
                                collide = true;
                                break;
                            }
                        }
                        reject = false;
                        if (!collide && recurseToLeaf) {
                            if (item < 0) {
                                int subR = varyR != 0 ? r >> (varyR - 1) : 0;
                                if (chooseFirstn(map.bucket(item), x, stable != 0 ? 1 : outpos + 1, 0, out2, out2Base,
                                        outpos, count, recurseTries, 0, localRetries, localFallbackRetries, false,
                                        varyR, stable, null, 0, subR) <= outpos) {
                                    reject = true; // no leaf under it
                                }
                            } else {
                                out2[out2Base + outpos] = item; // already a leaf
                            }
                        }
                        if (!reject && !collide && itemType == 0) {
                            reject = isOut(item, x);
                        }
                    }
                    if (reject || collide) {
                        ftotal++;
                        flocal++;
                        if (collide && flocal <= localRetries) {
                            retryBucket = true; // retry locally a few times
                        } else if (localFallbackRetries > 0 && flocal <= in.size() + localFallbackRetries) {
                            retryBucket = true; // exhaustive bucket search
                        } else if (ftotal < tries) {
                            retryDescent = true;
                        } else {
                            skipRep = true;
                        }
                    }
                } while (retryBucket);
            } while (retryDescent);
            if (skipRep) {
                continue;
            }
            out[outBase + outpos] = item;
            outpos++;
            count--;
        }
        return outpos;
    }

    /**
     * {@code crush_choose_indep}: fills the {@code left} positions {@code out[outBase + outpos…]} in
     * place, breadth first, so that a position keeps its item when others change; positions left
     * unfilled become {@link CrushMap#ITEM_NONE}.
     */
    private void chooseIndep(CrushBucket bucket, int x, int left, int numrep, int type, int[] out, int outBase,
                             int outpos, long tries, long recurseTries, boolean recurseToLeaf, int[] out2,
                             int out2Base, int parentR) {
        int endpos = outpos + left;
        for (int rep = outpos; rep < endpos; rep++) {
            out[outBase + rep] = CrushMap.ITEM_UNDEF;
            if (out2 != null) {
                out2[out2Base + rep] = CrushMap.ITEM_UNDEF;
            }
        }
        for (long ftotal = 0; left > 0 && ftotal < tries; ftotal++) {
            for (int rep = outpos; rep < endpos; rep++) {
                if (out[outBase + rep] != CrushMap.ITEM_UNDEF) {
                    continue;
                }
                CrushBucket in = bucket;
                while (true) {
                    spend(1); // as in chooseFirstn: an empty bucket with huge tries must not spin for free
                    // the choice depends on the position, even in the nested call
                    int r = rep + parentR;
                    if (in.alg() == CrushBucketAlg.UNIFORM && Integer.remainderUnsigned(in.size(), numrep) == 0) {
                        r += (numrep + 1) * (int) ftotal;
                    } else {
                        r += numrep * (int) ftotal;
                    }
                    if (in.size() == 0) {
                        break;
                    }
                    int item = bucketChoose(in, x, r, outpos);
                    if (item >= map.maxDevices()) {
                        out[outBase + rep] = CrushMap.ITEM_NONE;
                        if (out2 != null) {
                            out2[out2Base + rep] = CrushMap.ITEM_NONE;
                        }
                        left--;
                        break;
                    }
                    int itemType = item < 0 ? map.bucket(item).type() : 0;
                    if (itemType != type) {
                        if (item >= 0) {
                            out[outBase + rep] = CrushMap.ITEM_NONE;
                            if (out2 != null) {
                                out2[out2Base + rep] = CrushMap.ITEM_NONE;
                            }
                            left--;
                            break;
                        }
                        in = map.bucket(item);
                        continue;
                    }
                    boolean collide = false;
                    for (int i = outpos; i < endpos; i++) {
                        if (out[outBase + i] == item) {
                            collide = true;
                            break;
                        }
                    }
                    if (collide) {
                        break;
                    }
                    if (recurseToLeaf) {
                        if (item < 0) {
                            chooseIndep(map.bucket(item), x, 1, numrep, 0, out2, out2Base, rep, recurseTries, 0,
                                    false, null, 0, r);
                            if (out2[out2Base + rep] == CrushMap.ITEM_NONE) {
                                break; // placed nothing: no leaf
                            }
                        } else {
                            out2[out2Base + rep] = item;
                        }
                    }
                    if (itemType == 0 && isOut(item, x)) {
                        break;
                    }
                    out[outBase + rep] = item;
                    left--;
                    break;
                }
            }
        }
        for (int rep = outpos; rep < endpos; rep++) {
            if (out[outBase + rep] == CrushMap.ITEM_UNDEF) {
                out[outBase + rep] = CrushMap.ITEM_NONE;
            }
            if (out2 != null && out2[out2Base + rep] == CrushMap.ITEM_UNDEF) {
                out2[out2Base + rep] = CrushMap.ITEM_NONE;
            }
        }
    }

    /** {@code is_out}: a device whose reweight rejects this x (a fraction of them when 0 &lt; w &lt; 1). */
    private boolean isOut(int item, int x) {
        // a bucket of type 0 (the device type) arrives here with its negative id; Ceph would read
        // weight[-n] (is_out in mapper.c checks only the upper bound): here it is simply out
        if (item < 0 || item >= weight.length) {
            return true;
        }
        long w = Integer.toUnsignedLong(weight[item]);
        if (w >= 0x10000) {
            return false;
        }
        if (w == 0) {
            return true;
        }
        return (CrushHash.hash32_2(x, item) & 0xffff) >= w;
    }

    private void spend(long items) {
        work += items;
        if (work > WORK_LIMIT) {
            throw new CrushMappingException("CRUSH rule " + ruleno + " on x " + inputX + " made more than " + WORK_LIMIT
                    + " choice attempts and item examinations; the map's tries, replica counts or hierarchy are unreasonable");
        }
    }

    /** {@code crush_bucket_choose}. */
    private int bucketChoose(CrushBucket in, int x, int r, int position) {
        spend(in.size());
        return switch (in.alg()) {
            case UNIFORM -> permChoose(in, x, r);
            case LIST -> listChoose(in, x, r);
            case TREE -> treeChoose(in, x, r);
            case STRAW -> strawChoose(in, x, r);
            case STRAW2 -> straw2Choose(in, x, r, chooseArgs == null ? null : chooseArgs.forBucket(in.id()), position);
        };
    }

    /**
     * {@code bucket_perm_choose}: item {@code r mod size} of a permutation of the bucket drawn by
     * hashing (x, bucket id, position); Fisher–Yates swaps computed up to the position needed.
     */
    private int permChoose(CrushBucket b, int x, int r) {
        int size = b.size();
        int pr = Integer.remainderUnsigned(r, size);
        spend(pr + 1L);
        if (pr == 0) {
            return b.item(Integer.remainderUnsigned(CrushHash.hash32_3(b.hash(), x, b.id(), 0), size));
        }
        int[] perm = new int[size];
        for (int i = 0; i < size; i++) {
            perm[i] = i;
        }
        for (int p = 0; p <= pr; p++) {
            if (p < size - 1) {
                int i = Integer.remainderUnsigned(CrushHash.hash32_3(b.hash(), x, b.id(), p), size - p);
                if (i != 0) {
                    int t = perm[p + i];
                    perm[p + i] = perm[p];
                    perm[p] = t;
                }
            }
        }
        return b.item(perm[pr]);
    }

    /** {@code bucket_list_choose}: from the tail, take an item when the hash falls in its share. */
    private static int listChoose(CrushBucket b, int x, int r) {
        for (int i = b.size() - 1; i >= 0; i--) {
            long w = CrushHash.hash32_4(b.hash(), x, b.item(i), r, b.id()) & 0xffffL;
            w = (w * b.sumWeight(i)) >>> 16;
            if (w < b.itemWeight(i)) {
                return b.item(i);
            }
        }
        return b.item(0);
    }

    /** {@code bucket_tree_choose}: descend the weight tree from the root node. */
    private static int treeChoose(CrushBucket b, int x, int r) {
        int numNodes = b.numNodes();
        int n = numNodes >> 1;
        while ((n & 1) == 0) {
            if (n == 0 || n >= numNodes) {
                throw new CrushMappingException("tree bucket " + b.id() + " has no node " + n + " (of " + numNodes + ")");
            }
            long w = b.nodeWeight(n);
            // (u64 hash * u64 w) >> 32: the product fits 64 bits unsigned, so the logical shift is exact
            long t = (Integer.toUnsignedLong(CrushHash.hash32_4(b.hash(), x, n, r, b.id())) * w) >>> 32;
            int half = 1 << (Integer.numberOfTrailingZeros(n) - 1);
            int left = n - half;
            n = Long.compareUnsigned(t, b.nodeWeight(left)) < 0 ? left : n + half;
        }
        int pos = n >> 1;
        if (pos >= b.size()) {
            throw new CrushMappingException("tree bucket " + b.id() + " node " + n + " names item " + pos
                    + " of " + b.size());
        }
        return b.item(pos);
    }

    /** {@code bucket_straw_choose}: the longest (hash × straw length), first wins ties. */
    private static int strawChoose(CrushBucket b, int x, int r) {
        int high = 0;
        long highDraw = 0;
        for (int i = 0; i < b.size(); i++) {
            long draw = (CrushHash.hash32_3(b.hash(), x, b.item(i), r) & 0xffffL) * b.straw(i);
            if (i == 0 || draw > highDraw) {
                high = i;
                highDraw = draw;
            }
        }
        return b.item(high);
    }

    /**
     * {@code bucket_straw2_choose}: the highest ln(u)/weight, with the choose_args' weight set for
     * this position (the last set for positions beyond) and its ids in the hash, when present.
     */
    private static int straw2Choose(CrushBucket b, int x, int r, ChooseArg arg, int position) {
        boolean argWeights = arg != null && arg.weightSetPositions() > 0;
        int pos = argWeights ? Math.min(position, arg.weightSetPositions() - 1) : 0;
        boolean argIds = arg != null && arg.idsSize() > 0;
        int high = 0;
        long highDraw = 0;
        for (int i = 0; i < b.size(); i++) {
            long w = argWeights ? arg.weight(pos, i) : b.itemWeight(i);
            long draw;
            if (w != 0) {
                int id = argIds ? arg.id(i) : b.item(i);
                int u = CrushHash.hash32_3(b.hash(), x, id, r) & 0xffff;
                long ln = CrushLn.ln(u) - 0x1000000000000L;
                draw = ln / w; // div64_s64: truncates toward zero
            } else {
                draw = S64_MIN;
            }
            if (i == 0 || draw > highDraw) {
                high = i;
                highDraw = draw;
            }
        }
        return b.item(high);
    }
}
