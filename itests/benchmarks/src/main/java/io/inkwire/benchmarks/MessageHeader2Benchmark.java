package io.inkwire.benchmarks;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.MessageHeader2;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@code ceph_msg_header2} (41 bytes): encode to a fresh array, decode from a buffer. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MessageHeader2Benchmark {

    private final MessageHeader2 header = new MessageHeader2(42, 7, 0x7e58, 127, 1, 0, 0, 41, 0, 1);
    private final ByteBuffer encoded = ByteBuffer.wrap(header.encode());

    @Benchmark
    public byte[] encode() {
        return header.encode();
    }

    @Benchmark
    public MessageHeader2 decode() throws ProtocolException {
        return MessageHeader2.decode(encoded);
    }
}
