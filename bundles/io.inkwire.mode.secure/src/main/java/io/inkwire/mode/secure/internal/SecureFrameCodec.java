package io.inkwire.mode.secure.internal;

import static io.inkwire.mode.secure.internal.SecureRev1Layout.BLOCK_A_PLAINTEXT_LENGTH;
import static io.inkwire.mode.secure.internal.SecureRev1Layout.EPILOGUE_SECURE_LENGTH;
import static io.inkwire.mode.secure.internal.SecureRev1Layout.FRAME_PREAMBLE_INLINE_SIZE;
import static io.inkwire.mode.secure.internal.SecureRev1Layout.PREAMBLE_SECURE_LENGTH;
import static io.inkwire.mode.secure.internal.SecureRev1Layout.padded;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.Role;
import io.inkwire.api.mode.Frame;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.Preamble;
import io.inkwire.wire.CrcFrameCodec;
import io.inkwire.wire.DecodedFrames;
import io.inkwire.wire.Preambles;
import io.inkwire.wire.Tag;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;

/**
 * msgr2.1 secure-mode framing (see {@link SecureRev1Layout} for the blocks). Keys and nonces come
 * from the connection secret ({@code ceph::crypto::onwire::create_handler_pair} in
 * {@code src/msg/async/crypto_onwire.cc}): key = secret[0,16), the server-to-client nonce =
 * secret[16,28), the client-to-server nonce = secret[28,40); the connector receives with the first
 * nonce and sends with the second, the acceptor the other way round.
 *
 * <p>Every block is one AES-128-GCM operation (no AAD, 16-byte tag) with the direction's next
 * nonce: one {@code init} and one {@code doFinal}, in place. Sending, a frame is laid out in clear
 * in one array this codec reuses (segments copied in, padding zeroed), then each block is sealed
 * where it lies; <b>the buffer {@link #encode} returns (and the array holding it) is valid until
 * the next {@code encode}</b>,
 * so the caller writes or copies it first (inkwire's transports copy into socket buffers as they
 * write). Receiving, blocks B and C are decrypted in place when the remainder is a writable heap
 * buffer (the pooled buffer the engine had the transport read that frame into), so the frame's
 * segments are views of that one array and nothing else is allocated for them; its bytes are
 * plaintext afterwards. Plaintext
 * is only handed out once the tag verified; a bad tag is an {@link io.inkwire.api.IntegrityException},
 * after which the connection must be dropped (the nonces are out of step). Not thread-safe, like
 * every {@link FrameCodec}.
 */
public final class SecureFrameCodec implements FrameCodec {

    /** Bytes of the secret used: key, then the two nonces. */
    static final int SECRET_BYTES_USED = AesKey.KEY_LENGTH + 2 * GcmNonce.NONCE_LENGTH;
    private static final int S2C_NONCE_OFFSET = AesKey.KEY_LENGTH;
    private static final int C2S_NONCE_OFFSET = S2C_NONCE_OFFSET + GcmNonce.NONCE_LENGTH;
    /** Blocks are decrypted into Java arrays; a frame whose blocks cannot fit one is refused. */
    static final long MAX_BLOCK_PLAINTEXT = Integer.MAX_VALUE - 64;

    /** Frames up to this size are sealed in the reused array; larger ones get an array of their own, not kept. */
    static final int REUSED_TX_LIMIT = 8 << 20;
    private static final byte[] EPILOGUE_COMPLETE = new byte[EPILOGUE_SECURE_LENGTH];

    static {
        EPILOGUE_COMPLETE[0] = CrcFrameCodec.FRAME_LATE_STATUS_COMPLETE;
    }

    private final AesKey key;
    private final GcmChannel rx;
    private final GcmChannel tx;
    private final long maxSegmentLength;
    /** Block A in clear: the preamble, then the inline part of segment 0 for decodeRemainder. */
    private final byte[] blockA = new byte[BLOCK_A_PLAINTEXT_LENGTH];
    /** {@link #blockA} as a buffer, for absolute reads. */
    private final ByteBuffer blockAView = ByteBuffer.wrap(blockA);
    /** What {@link #decodeRemainder} returns, refilled by each call. */
    private final DecodedFrames decoded = new DecodedFrames();
    private Preamble pending;
    private boolean closed;
    /** Where frames are laid out and sealed; grows up to {@link #REUSED_TX_LIMIT}. */
    private byte[] txBuffer = new byte[0];
    /** What {@link #encode} returns for a frame sealed in {@link #txBuffer}: reused, as the buffer is. */
    private ByteBuffer txView = ByteBuffer.wrap(txBuffer);
    private final ByteBuffer[] txOut = new ByteBuffer[1];
    /** The preamble of the frame being sealed, encoded here before it is copied into block A. */
    private final ByteBuffer txPreamble = ByteBuffer.allocate(Preambles.PREAMBLE_LENGTH);

    /**
     * @param role             decides which nonce receives and which sends
     * @param connectionSecret at least 40 bytes (cephx gives 64); copied, not kept
     * @param maxSegmentLength a longer announced segment is refused after block A
     * @param providerName     the JCA provider for AES-GCM: empty = JDK default, {@code BC}, or an installed provider's name
     */
    public SecureFrameCodec(Role role, byte[] connectionSecret, long maxSegmentLength, String providerName)
            throws ProtocolException {
        this(role, connectionSecret, maxSegmentLength, providerName, true);
    }

    /**
     * @param largeBlocks whether this connection may carry blocks of 64 KiB ({@code GcmChannel.BUFFER_API_FROM})
     *                    and more: the first such connection of the JVM starts {@code GcmWarmUp}
     */
    public SecureFrameCodec(Role role, byte[] connectionSecret, long maxSegmentLength, String providerName, boolean largeBlocks)
            throws ProtocolException {
        Objects.requireNonNull(role, "role");
        int length = connectionSecret == null ? 0 : connectionSecret.length;
        if (length < SECRET_BYTES_USED) {
            throw new ProtocolException("secure mode needs a connection secret of at least " + SECRET_BYTES_USED
                    + " bytes, the auth method gave " + length);
        }
        this.key = new AesKey(connectionSecret, 0);
        GcmNonce s2c = new GcmNonce(connectionSecret, S2C_NONCE_OFFSET);
        GcmNonce c2s = new GcmNonce(connectionSecret, C2S_NONCE_OFFSET);
        boolean connector = role == Role.CONNECTOR;
        this.rx = new GcmChannel(CryptoProviders.newGcmCipher(providerName), key, connector ? s2c : c2s, Cipher.DECRYPT_MODE);
        Cipher txCipher = CryptoProviders.newGcmCipher(providerName);
        this.tx = new GcmChannel(txCipher, key, connector ? c2s : s2c, Cipher.ENCRYPT_MODE);
        this.maxSegmentLength = maxSegmentLength;
        if (largeBlocks) {
            GcmWarmUp.startOnce(txCipher);
        }
    }

    @Override
    public int preambleBlockLength() {
        return PREAMBLE_SECURE_LENGTH;
    }

    /** Decrypts and authenticates block A, then validates the preamble (crc included); advances {@code block} by 96. */
    @Override
    public Preamble decodePreamble(ByteBuffer block) throws ProtocolException {
        ensureOpen();
        pending = null;
        if (block.remaining() < PREAMBLE_SECURE_LENGTH) {
            throw new ProtocolException("secure preamble block is " + block.remaining() + " bytes, expected " + PREAMBLE_SECURE_LENGTH);
        }
        ByteBuffer a = block.slice().limit(PREAMBLE_SECURE_LENGTH);
        block.position(block.position() + PREAMBLE_SECURE_LENGTH);
        try {
            rx.open(a, ByteBuffer.wrap(blockA), "preamble block");
        } catch (ProtocolException e) {
            Arrays.fill(blockA, (byte) 0); // a provider may have written unauthenticated plaintext
            throw e;
        }
        Preamble p = Preambles.decode(ByteBuffer.wrap(blockA, 0, Preambles.PREAMBLE_LENGTH), maxSegmentLength);
        if (padded(p.length(0)) > MAX_BLOCK_PLAINTEXT || SecureRev1Layout.blockCPlaintextLength(p) > MAX_BLOCK_PLAINTEXT) {
            throw new ProtocolException("frame " + Tag.name(p.tag()) + " of " + p.totalLength()
                    + " bytes is too large for one secure block");
        }
        pending = p;
        return p;
    }

    @Override
    public long remainderLength(Preamble preamble) {
        return SecureRev1Layout.remainderLength(preamble);
    }

    /** Decrypts and authenticates blocks B and C of the frame whose preamble was just decoded. */
    @Override
    public Frame decodeRemainder(Preamble p, ByteBuffer rest) throws ProtocolException {
        ensureOpen();
        if (p == null || p != pending) {
            throw new IllegalStateException("decodeRemainder must follow decodePreamble of the same frame");
        }
        pending = null;
        long expected = remainderLength(p);
        if (rest.remaining() != expected) {
            throw new ProtocolException("secure frame " + Tag.name(p.tag()) + ": remainder is " + rest.remaining()
                    + " bytes, expected " + expected);
        }
        ByteBuffer in = rest.slice();
        int n = p.numSegments();
        ByteBuffer[] segments = decoded.segments();
        segments[0] = segmentZero(p, in);
        if (n > 1) {
            int plain = (int) SecureRev1Layout.blockCPlaintextLength(p);
            byte[] c;
            int base;
            if (in.hasArray() && !in.isReadOnly()) {
                // one pass, in place: the segments are views of the array the transport read the frame into
                c = in.array();
                base = in.arrayOffset() + in.position();
                rx.openInPlace(c, base, in.remaining(), "segments block");
            } else {
                c = new byte[plain];
                base = 0;
                rx.open(in.slice(in.position(), in.remaining()), ByteBuffer.wrap(c), "segments block");
            }
            int lateStatus = c[base + plain - EPILOGUE_SECURE_LENGTH] & 0xff;
            int status = lateStatus & CrcFrameCodec.FRAME_LATE_STATUS_ABORTED_MASK;
            if (status != CrcFrameCodec.FRAME_LATE_STATUS_COMPLETE && status != CrcFrameCodec.FRAME_LATE_STATUS_ABORTED) {
                throw new ProtocolException(String.format("secure frame %s: bad late_status 0x%02x", Tag.name(p.tag()), lateStatus));
            }
            if (status == CrcFrameCodec.FRAME_LATE_STATUS_ABORTED) {
                return null; // the sender gave up on this frame; its nonces are spent all the same
            }
            int offset = base;
            for (int i = 1; i < n; i++) {
                int len = (int) p.length(i);
                segments[i] = len == 0 ? null : ByteBuffer.wrap(c, offset, len); // a view of the decrypted bytes where they lie
                offset += (int) padded(len);
            }
        }
        return decoded.frame(p); // the codec's frame over the views
    }

    /** Segment 0: the inline part from block A, and the rest from block B when there is one. */
    private ByteBuffer segmentZero(Preamble p, ByteBuffer in) throws ProtocolException {
        int len0 = (int) p.length(0);
        int pad0 = (int) padded(len0);
        if (pad0 <= FRAME_PREAMBLE_INLINE_SIZE) {
            if (p.tag() == Tag.MESSAGE) {
                return decoded.segmentZero(p, blockAView, Preambles.PREAMBLE_LENGTH, len0); // a copy: block A is reused
            }
            return ByteBuffer.wrap(Arrays.copyOfRange(blockA, Preambles.PREAMBLE_LENGTH, Preambles.PREAMBLE_LENGTH + len0));
        }
        byte[] seg0 = new byte[pad0];
        System.arraycopy(blockA, Preambles.PREAMBLE_LENGTH, seg0, 0, FRAME_PREAMBLE_INLINE_SIZE);
        int lengthB = (int) SecureRev1Layout.blockBLength(p);
        rx.open(in.slice(0, lengthB), ByteBuffer.wrap(seg0, FRAME_PREAMBLE_INLINE_SIZE, pad0 - FRAME_PREAMBLE_INLINE_SIZE),
                "segment 0 block");
        in.position(lengthB);
        return ByteBuffer.wrap(seg0, 0, len0).slice();
    }

    /**
     * Seals one frame into a single buffer holding blocks A, B and C: the frame is laid out in clear
     * (segments copied in, padding zeroed) and each block sealed in place with one GCM operation.
     * The frame's segments are read, not kept. The returned buffer is this codec's and valid until
     * the next call.
     */
    @Override
    public ByteBuffer[] encode(Frame frame) throws ProtocolException {
        ensureOpen();
        Preamble p = Preambles.of(frame, 0);
        long total = SecureRev1Layout.frameLength(p);
        if (padded(p.length(0)) > MAX_BLOCK_PLAINTEXT || SecureRev1Layout.blockCPlaintextLength(p) > MAX_BLOCK_PLAINTEXT
                || total > MAX_BLOCK_PLAINTEXT) {
            throw new ProtocolException("frame " + Tag.name(p.tag()) + " of " + p.totalLength() + " bytes is too large to send");
        }
        byte[] out = txBuffer((int) total);
        ByteBuffer seg0 = frame.segmentAsHeld(0); // read with absolute gets: no view per segment
        int len0 = seg0.remaining();
        int inline = Math.min(len0, FRAME_PREAMBLE_INLINE_SIZE);

        // block A: preamble || segment 0's first 48 bytes, zero-filled
        Preambles.encode(p, txPreamble.clear());
        System.arraycopy(txPreamble.array(), 0, out, 0, Preambles.PREAMBLE_LENGTH);
        seg0.get(seg0.position(), out, Preambles.PREAMBLE_LENGTH, inline);
        Arrays.fill(out, Preambles.PREAMBLE_LENGTH + inline, BLOCK_A_PLAINTEXT_LENGTH, (byte) 0);
        int pos = tx.seal(out, 0, BLOCK_A_PLAINTEXT_LENGTH);

        int pad0 = (int) padded(len0);
        if (pad0 > FRAME_PREAMBLE_INLINE_SIZE) { // block B: the rest of segment 0, padded
            int start = pos;
            pos = put(seg0, inline, out, pos);
            pos = zeros(out, pos, pad0 - len0);
            pos = start + tx.seal(out, start, pos - start);
        }
        if (frame.numSegments() > 1) { // block C: segments 1..3, each padded, and the epilogue
            int start = pos;
            for (int i = 1; i < frame.numSegments(); i++) {
                ByteBuffer s = frame.segmentAsHeld(i);
                int len = s.remaining();
                pos = put(s, 0, out, pos);
                pos = zeros(out, pos, (int) padded(len) - len);
            }
            System.arraycopy(EPILOGUE_COMPLETE, 0, out, pos, EPILOGUE_SECURE_LENGTH);
            pos += EPILOGUE_SECURE_LENGTH;
            pos = start + tx.seal(out, start, pos - start);
        }
        if (pos != total) {
            throw new IllegalStateException("secure frame encoded to " + pos + " of " + total + " bytes");
        }
        if (out != txBuffer) {
            return new ByteBuffer[] {ByteBuffer.wrap(out, 0, pos)};
        }
        if (txView.array() != txBuffer) {
            txView = ByteBuffer.wrap(txBuffer);
        }
        txOut[0] = txView.clear().limit(pos);
        return txOut;
    }

    /** The array to lay a frame of {@code total} bytes out in: the reused one, grown if need be, or a fresh one for a huge frame. */
    private byte[] txBuffer(int total) {
        if (total > REUSED_TX_LIMIT) {
            return new byte[total];
        }
        if (txBuffer.length < total) {
            txBuffer = new byte[Math.min(REUSED_TX_LIMIT, Math.max(total, 2 * txBuffer.length))];
        }
        return txBuffer;
    }

    /** Copies {@code src} past its first {@code skip} bytes to {@code out} at {@code pos}, leaving its position as it was. */
    private static int put(ByteBuffer src, int skip, byte[] out, int pos) {
        int n = src.remaining() - skip;
        src.get(src.position() + skip, out, pos, n);
        return pos + n;
    }

    private static int zeros(byte[] out, int pos, int n) {
        Arrays.fill(out, pos, pos + n, (byte) 0);
        return pos + n;
    }

    /** GCM operations done on received blocks (test and diagnostics). */
    long rxOperations() {
        return rx.operations();
    }

    /** GCM operations done on sent blocks (test and diagnostics). */
    long txOperations() {
        return tx.operations();
    }

    GcmChannel rxChannel() {
        return rx;
    }

    GcmChannel txChannel() {
        return tx;
    }

    /** The JCA provider that seals and opens this connection's frames, as {@code inkwire_crypto_provider} chose it. */
    public String providerName() {
        return tx.provider();
    }

    /** Wipes the key, both nonces and the last decrypted preamble block. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending = null;
        key.destroy();
        rx.wipe();
        tx.wipe();
        Arrays.fill(blockA, (byte) 0);
        Arrays.fill(txBuffer, (byte) 0);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("secure frame codec is closed");
        }
    }

    @Override
    public String toString() {
        return "SecureFrameCodec{rev1, " + tx.provider() + ", rx ops=" + rx.operations() + ", tx ops=" + tx.operations() + (closed ? ", closed" : "") + "}";
    }
}
