package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenchObjectNamesTest {

    @Test
    void namesAreThoseOfThePidAskedWhenSeveralPidsAlternate() {
        BenchObjectNames names = new BenchObjectNames("host");
        assertEquals("benchmark_data_host_17_object0", names.object(17, 0));
        assertEquals("benchmark_data_host_17_object123456789012", names.object(17, 123456789012L));
        // the prefix kept for one pid is not another's (cleanup names the objects of several runs)
        assertEquals("benchmark_data_host_18_object5", names.object(18, 5));
        assertEquals("benchmark_data_host_17_object5", names.object(17, 5));
        assertEquals("benchmark_data_host_17", names.prefix(17));
        assertEquals("benchmark_data_host", names.prefixWithoutPid());
    }

    @Test
    void theHostNameIsCutAt29CharactersAsGethostnameIntoRadosBenchsBuffer() {
        assertEquals("benchmark_data_" + "a".repeat(29) + "_1_object2", new BenchObjectNames("a".repeat(40)).object(1, 2));
    }
}
