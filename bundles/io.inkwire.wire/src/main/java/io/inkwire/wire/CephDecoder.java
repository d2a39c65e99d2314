package io.inkwire.wire;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads Ceph's encodings from untrusted bytes. Every length is checked against what remains
 * before anything is allocated, so a hostile length field costs an exception, never memory.
 * Errors are {@link ProtocolException}s naming what was being read.
 */
public final class CephDecoder {

    private final ByteBuffer in;
    private final String what;
    private int[] structEnds = new int[8];
    private int depth;

    /** Reads {@code in} from its position to its limit; {@code what} names the thing in error messages. */
    public CephDecoder(ByteBuffer in, String what) {
        this.in = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.what = what;
    }

    public CephDecoder(byte[] in, String what) {
        this(ByteBuffer.wrap(in), what);
    }

    public int remaining() {
        return in.remaining();
    }

    public int position() {
        return in.position();
    }

    public boolean hasRemaining() {
        return in.hasRemaining();
    }

    private void need(long n, String field) throws ProtocolException {
        if (n < 0 || n > in.remaining()) {
            throw truncated(n, field); // out of line: every read inlines this check
        }
    }

    private ProtocolException truncated(long n, String field) {
        return new ProtocolException(what + ": truncated reading " + field + " (need " + n + " bytes, " + in.remaining() + " left)");
    }

    public int u8() throws ProtocolException {
        need(1, "u8");
        return in.get() & 0xff;
    }

    public boolean bool() throws ProtocolException {
        return u8() != 0;
    }

    public int u16() throws ProtocolException {
        need(2, "u16");
        return in.getShort() & 0xffff;
    }

    public short s16() throws ProtocolException {
        need(2, "s16");
        return in.getShort();
    }

    public long u32() throws ProtocolException {
        need(4, "u32");
        return in.getInt() & 0xffffffffL;
    }

    public int s32() throws ProtocolException {
        need(4, "s32");
        return in.getInt();
    }

    public long u64() throws ProtocolException {
        need(8, "u64");
        return in.getLong();
    }

    public int be16() throws ProtocolException {
        need(2, "be16");
        return ((in.get() & 0xff) << 8) | (in.get() & 0xff);
    }

    /** A u32 count or length, checked to fit in what remains assuming each item takes at least {@code minItemSize} bytes. */
    public int count(String field, int minItemSize) throws ProtocolException {
        long n = u32();
        if (n * Math.max(1, minItemSize) > in.remaining()) {
            throw new ProtocolException(what + ": " + field + " count " + n + " exceeds the " + in.remaining() + " bytes left");
        }
        return (int) n;
    }

    public byte[] raw(int n) throws ProtocolException {
        need(n, n + " raw bytes");
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** A view of the next {@code n} bytes (no copy). */
    public ByteBuffer slice(int n) throws ProtocolException {
        need(n, n + " bytes");
        ByteBuffer s = in.slice().limit(n);
        in.position(in.position() + n);
        return s;
    }

    public void skip(long n) throws ProtocolException {
        need(n, "skip of " + n + " bytes");
        in.position(in.position() + (int) n);
    }

    public String string() throws ProtocolException {
        int n = count("string length", 1);
        if (in.hasArray()) {
            // straight from the array: one copy (the String's own), not two (an OSD reply's object name, per op)
            int at = in.position();
            String s = new String(in.array(), in.arrayOffset() + at, n, StandardCharsets.UTF_8);
            in.position(at + n);
            return s;
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A bufferlist field: u32 length + bytes. */
    public byte[] bytes() throws ProtocolException {
        int n = count("bufferlist length", 1);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** A bufferlist field as a view. */
    public ByteBuffer bytesView() throws ProtocolException {
        return slice(count("bufferlist length", 1));
    }

    /** {@code utime_t} (u32 sec, u32 nsec) as nanoseconds. */
    public long utimeNanos() throws ProtocolException {
        long sec = u32();
        long nsec = u32();
        return sec * 1_000_000_000L + nsec;
    }

    public UUID uuid() throws ProtocolException {
        need(16, "uuid");
        ByteBuffer b = in.slice().order(ByteOrder.BIG_ENDIAN);
        long hi = b.getLong();
        long lo = b.getLong();
        in.position(in.position() + 16);
        return new UUID(hi, lo);
    }

    public EntityName entityName() throws ProtocolException {
        long type = u32();
        String id = string();
        try {
            return new EntityName(EntityType.fromCode((int) type), id);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(what + ": " + e.getMessage());
        }
    }

    public List<String> stringList() throws ProtocolException {
        int n = count("string list", 4);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(string());
        }
        return out;
    }

    public List<Integer> u32List() throws ProtocolException {
        int n = count("u32 list", 4);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add((int) u32());
        }
        return out;
    }

    public Map<String, String> stringMap() throws ProtocolException {
        int n = count("string map", 8);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(string(), string());
        }
        return out;
    }

    /**
     * {@code DECODE_START(maxCompat, bl)}: reads struct_v, compat and length; fails when compat is
     * newer than {@code understood} or the length runs past the input. Returns struct_v.
     */
    public int startStruct(int understood, String name) throws ProtocolException {
        int v = u8();
        int compat = u8();
        long len = u32();
        if (compat > understood) {
            throw new ProtocolException(what + ": " + name + " compat version " + compat + " is newer than " + understood + " (struct_v " + v + ")");
        }
        if (len > in.remaining()) {
            throw new ProtocolException(what + ": " + name + " length " + len + " exceeds the " + in.remaining() + " bytes left");
        }
        if (depth == structEnds.length) {
            structEnds = java.util.Arrays.copyOf(structEnds, depth * 2);
        }
        structEnds[depth++] = in.position() + (int) len;
        return v;
    }

    /** Bytes left in the innermost struct. */
    public int structRemaining() {
        return depth == 0 ? in.remaining() : structEnds[depth - 1] - in.position();
    }

    /** {@code DECODE_FINISH}: skips unknown trailing bytes of the struct, fails if it was overrun. */
    public void finishStruct(String name) throws ProtocolException {
        if (depth == 0) {
            throw new IllegalStateException("finishStruct without startStruct");
        }
        int end = structEnds[--depth];
        if (in.position() > end) {
            throw new ProtocolException(what + ": " + name + " decoded past its declared length");
        }
        in.position(end);
    }

    /** Fails unless everything was consumed. */
    public void expectEnd() throws ProtocolException {
        if (in.hasRemaining()) {
            throw new ProtocolException(what + ": " + in.remaining() + " unexpected trailing bytes");
        }
    }

    public ProtocolException error(String message) {
        return new ProtocolException(what + ": " + message);
    }
}
