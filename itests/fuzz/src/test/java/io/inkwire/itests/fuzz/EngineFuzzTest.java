package io.inkwire.itests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.mode.crc.CrcConnectionMode;
import io.inkwire.protocol.MessengerCore;
import io.inkwire.protocol.ProtocolListener;
import io.inkwire.protocol.ProtocolV2;
import io.inkwire.protocol.Transport;
import io.inkwire.wire.Banner;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A whole acceptor engine (auth none, crc) fed a valid banner and then arbitrary bytes, split at
 * the sizes it asks for. Whatever comes, the engine must end the connection through its listener
 * with a {@link ProtocolException} or {@link AuthException} (never throw, never ask to read more
 * than its limits allow), or keep waiting for more bytes.
 */
class EngineFuzzTest {

    static final MessengerCore CORE;

    static {
        CephConfig o = CephConfig.of(Map.of("auth_client_required", "none", "auth_service_required", "none", "auth_cluster_required", "none",
                "ms_mon_service_mode", "crc", "ms_service_mode", "crc", "inkwire_max_control_frame_bytes", "65536",
                "inkwire_max_message_bytes", "1048576", "inkwire_max_frame_segment_bytes", "1048576"));
        CORE = new MessengerCore(MessengerConfig.builder(new EntityName(EntityType.MON, "a")).options(o).authProvider(new NoneAuthProvider())
                .mode(new CrcConnectionMode()).build());
        CORE.setMyAddrs(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 3300)));
    }

    @FuzzTest(maxDuration = "12s")
    void acceptor(byte[] input) {
        Throwable[] closed = new Throwable[1];
        boolean[] closedCalled = new boolean[1];
        ProtocolListener l = new ProtocolListener() {
            @Override
            public void onMessage(RawMessage message) {
            }

            @Override
            public void onKeepaliveAck(long stampSec, int stampNsec) {
            }

            @Override
            public void onReady(ConnectionInfo info) {
            }

            @Override
            public void onClosed(Throwable cause) {
                closedCalled[0] = true;
                closed[0] = cause;
            }
        };
        ProtocolV2 e = ProtocolV2.acceptor(CORE, new NullTransport(), l);
        e.start();
        ByteBuffer in = ByteBuffer.allocate(Banner.encode(1, 0).length + input.length);
        in.put(Banner.encode(1, 0)).put(input).flip();
        while (!e.isClosed() && in.remaining() >= e.bytesWanted()) {
            int want = e.bytesWanted();
            if (want <= 0 || want > (2 << 20)) {
                throw new AssertionError("engine asks for " + want + " bytes");
            }
            ByteBuffer chunk = ByteBuffer.allocate(want);
            chunk.put(in.slice().limit(want)).flip();
            in.position(in.position() + want);
            e.onBytes(chunk);
        }
        if (closedCalled[0] && closed[0] != null && !(closed[0] instanceof ProtocolException) && !(closed[0] instanceof AuthException)) {
            throw new AssertionError("engine closed with " + closed[0], closed[0]);
        }
        if (closedCalled[0] && closed[0] instanceof ProtocolException pe && pe.getMessage().startsWith("internal error")) {
            throw new AssertionError("an internal error escaped: " + pe.getMessage(), pe);
        }
    }

    static final class NullTransport implements Transport {
        @Override
        public void write(ByteBuffer[] buffers) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 3300);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 50000);
        }
    }
}
