package io.inkwire.codec.mon;

import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.api.message.RawMessage;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.nio.ByteBuffer;
import java.util.Comparator;

/** What every monitor message codec shares: the header version check, decoders over segments, Ceph's key order. */
final class MonWire {

    /**
     * {@code std::string}'s {@code operator<} compares bytes as unsigned; for UTF-8 that is code point
     * order, which is what {@code std::map<string,…>} and {@code std::set<string>} encode in.
     */
    static final Comparator<String> STRING_ORDER = MonWire::compareCodePoints;

    private MonWire() {
    }

    /** Rejects a payload whose {@code compat_version} says this decoder (at {@code headVersion}) cannot read it. */
    static void checkCompat(RawMessage raw, String name, int headVersion) throws MessageDecodeException {
        if (raw.compatVersion() > headVersion) {
            throw new MessageDecodeException(name + ": compat_version " + raw.compatVersion()
                    + " is newer than version " + headVersion + " understood here");
        }
    }

    static CephDecoder front(RawMessage raw, String name) {
        return new CephDecoder(raw.front(), name);
    }

    /** A header for a sent message: type, HEAD_VERSION, COMPAT_VERSION; priority stays the default 127. */
    static RawMessage.Builder header(int type, int headVersion, int compatVersion) {
        return RawMessage.builder(type).version(headVersion).compatVersion(compatVersion);
    }

    static ByteBuffer front(CephEncoder e) {
        return ByteBuffer.wrap(e.toByteArray());
    }

    static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
