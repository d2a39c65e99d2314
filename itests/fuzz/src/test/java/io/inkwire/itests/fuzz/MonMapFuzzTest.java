package io.inkwire.itests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inkwire.api.ProtocolException;
import io.inkwire.codec.mon.MonMap;

/** The MonMap decoder (v6…v9 and newer-compatible encodings) on arbitrary bytes: only a clear refusal may come out. */
class MonMapFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void monMap(byte[] input) {
        try {
            MonMap m = MonMap.decode(input);
            MonMap.decode(m.encode()); // what we decoded, we can write and read again
        } catch (ProtocolException expected) {
            // refused
        }
    }
}
