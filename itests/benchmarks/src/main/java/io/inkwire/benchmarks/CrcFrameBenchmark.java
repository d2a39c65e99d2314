package io.inkwire.benchmarks;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.Preamble;
import io.inkwire.wire.CrcFrameCodec;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * crc-mode framing of one MESSAGE frame, revision 0 and 1: encode (preamble, crcs, epilogue; the
 * data segment is referenced, not copied) and decode (preamble check, segment crcs, slicing) of a
 * frame already gathered into one buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CrcFrameBenchmark {

    @Param({"4096", "65536", "4194304"})
    public int size;

    @Param({"0", "1"})
    public int revision;

    private CrcFrameCodec codec;
    private Frame frame;
    private ByteBuffer wire;

    @Setup
    public void setup() throws ProtocolException {
        codec = new CrcFrameCodec(revision, 256L << 20, true);
        frame = Data.messageFrame(size);
        wire = Data.gather(codec.encode(frame));
    }

    @Benchmark
    public ByteBuffer[] encode() throws ProtocolException {
        return codec.encode(frame);
    }

    @Benchmark
    public Frame decode() throws ProtocolException {
        Preamble p = codec.decodePreamble(wire.slice(0, codec.preambleBlockLength()));
        return codec.decodeRemainder(p, wire.slice(codec.preambleBlockLength(), wire.remaining() - codec.preambleBlockLength()));
    }
}
