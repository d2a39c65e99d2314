package io.inkwire.example.xormode;

import io.inkwire.api.annotations.InkwireConnectionMode;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.api.mode.FrameCodec;
import io.inkwire.api.mode.FrameCodecContext;
import io.inkwire.wire.CrcFrameCodec;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;

/**
 * An example third-party connection mode, {@code xor} (id {@value #XOR_MODE_ID}): crc framing whose
 * bytes are XORed with a repeating key. It exists to show what a plugin consists of and that two
 * inkwire peers negotiate a mode neither side's core knows. <b>It is not secure</b>: the key is a
 * shared constant ({@code inkwire_xor_key}, default {@code inkwire-example}) and XOR with a
 * repeating key is trivially broken. Ceph daemons do not know it; offer it only to inkwire peers,
 * e.g. {@code ms_client_mode = xor crc}.
 *
 * <p>A plugin needs: this class (the mode: id, name, which secret it needs, a codec factory); the
 * three registrations — a DS component (OSGi), {@code provides} in module-info (module path) and
 * {@code META-INF/services} (class path); and {@link InkwireConnectionMode} so that features and
 * resolvers can require it by name.
 */
@InkwireConnectionMode(value = "xor", id = XorConnectionMode.XOR_MODE_ID)
@Component(service = ConnectionMode.class, property = {"inkwire.mode.id:Integer=120", "inkwire.mode.name=xor"})
public final class XorConnectionMode implements ConnectionMode {

    /** Our mode id: outside Ceph's range (1 crc, 2 secure), 'x'. */
    public static final int XOR_MODE_ID = 120;

    @Override
    public int id() {
        return XOR_MODE_ID;
    }

    @Override
    public String name() {
        return "xor";
    }

    @Override
    public int connectionSecretLength() {
        return 0; // works with auth none too; a real mode would derive keys from the connection secret
    }

    @Override
    public boolean supportsRevision(int revision) {
        return revision == 0 || revision == 1;
    }

    @Override
    public FrameCodec newFrameCodec(FrameCodecContext context) {
        byte[] key = context.options().getString("inkwire_xor_key", "inkwire-example").getBytes(StandardCharsets.UTF_8);
        if (key.length == 0) {
            throw new IllegalArgumentException("inkwire_xor_key must not be empty");
        }
        return new XorFrameCodec(new CrcFrameCodec(context.revision(), context.maxSegmentLength(), true), key);
    }

    @Override
    public String toString() {
        return "xor";
    }
}
