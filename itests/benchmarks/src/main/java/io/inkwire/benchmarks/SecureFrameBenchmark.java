package io.inkwire.benchmarks;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.FrameCodecContext;
import io.inkwire.api.mode.Preamble;
import io.inkwire.mode.secure.SecureConnectionMode;
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
 * secure-mode (msgr2.1) framing of one MESSAGE frame with the JDK's AES-GCM: {@code encode} seals
 * it; {@code roundTrip} seals it with the connector's codec and opens it with the acceptor's.
 * Decoding alone cannot be repeated (every block consumes a nonce), so decode = roundTrip - encode.
 * The trial setup warms GCM with 30,000 small frames first: JDK 17 runs large heap inputs without
 * its intrinsic until the calling code is compiled, which large inputs alone take ~30 s to reach.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SecureFrameBenchmark {

    @Param({"4096", "65536", "4194304"})
    public int size;

    private FrameCodec tx;
    private FrameCodec rx;
    private Frame frame;

    @Setup
    public void setup() throws ProtocolException {
        byte[] secret = Data.random(64);
        SecureConnectionMode mode = new SecureConnectionMode();
        tx = mode.newFrameCodec(new FrameCodecContext(Role.CONNECTOR, 1, secret, 256L << 20, CephConfig.empty()));
        rx = mode.newFrameCodec(new FrameCodecContext(Role.ACCEPTOR, 1, secret, 256L << 20, CephConfig.empty()));
        Frame small = Data.messageFrame(4096);
        for (int i = 0; i < 30_000; i++) {
            open(tx.encode(small)[0]);
        }
        frame = Data.messageFrame(size);
    }

    private Frame open(ByteBuffer in) throws ProtocolException {
        Preamble p = rx.decodePreamble(in.slice(0, rx.preambleBlockLength()));
        return rx.decodeRemainder(p, in.slice(rx.preambleBlockLength(), in.remaining() - rx.preambleBlockLength()));
    }

    @Benchmark
    public ByteBuffer[] encode() throws ProtocolException {
        return tx.encode(frame);
    }

    @Benchmark
    public Frame roundTrip() throws ProtocolException {
        ByteBuffer[] sealed = tx.encode(frame);
        return open(sealed[0]);
    }
}
