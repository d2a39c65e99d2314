package io.inkwire.itests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.codec.osd.map.OSDMap;
import io.inkwire.codec.osd.map.OSDMapIncremental;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The incremental decoder on arbitrary bytes (inc_crc rewritten, {@link MapCrcs}), then
 * {@code apply} onto a small real map (3 OSDs, replicated and EC pools) moved to the epoch and fsid
 * the incremental names, so that the changes themselves are applied. Only a MessageDecodeException
 * may come out of either; an incremental that decodes must re-encode to the same bytes, and the map
 * it makes must encode to one that decodes equal and place PGs ({@link Placements}). Seeds: the
 * incrementals of a real monitor.
 */
class OSDMapIncrementalFuzzTest {

    /** A real map, the last of the lab chain that also seeds the corpus. */
    private static final OSDMap BASE = base();

    private static OSDMap base() {
        try (InputStream in = OSDMapIncrementalFuzzTest.class.getResourceAsStream("base-osdmap.bin")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource base-osdmap.bin");
            }
            return OSDMap.decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void incremental(byte[] input) {
        OSDMapIncremental inc;
        try {
            inc = OSDMapIncremental.decode(MapCrcs.fixIncremental(input));
        } catch (MessageDecodeException expected) {
            return;
        }
        byte[] once = inc.encode();
        byte[] twice;
        try {
            twice = OSDMapIncremental.decode(once).encode();
        } catch (MessageDecodeException e) {
            throw new AssertionError("re-encoded incremental e" + inc.epoch() + " does not decode", e);
        }
        if (!Arrays.equals(once, twice)) {
            throw new AssertionError("incremental e" + inc.epoch() + " is not a fixed point of encode/decode");
        }
        if (inc.epoch() == 0) {
            return; // no map precedes epoch 0
        }
        // epoch and fsid match by construction: an IllegalArgumentException from apply is a finding
        OSDMap base = BASE.toBuilder().epoch(inc.epoch() - 1).fsid(inc.fsid()).build();
        OSDMap next;
        try {
            next = base.apply(inc);
        } catch (MessageDecodeException expected) {
            return;
        }
        OSDMap again;
        try {
            again = OSDMap.decode(next.encode());
        } catch (MessageDecodeException e) {
            throw new AssertionError("the map " + inc.epoch() + " made does not decode once encoded", e);
        }
        if (!again.equals(next)) {
            throw new AssertionError(next + " re-encodes to a different " + again);
        }
        Placements.placeSomePgs(next);
    }
}
