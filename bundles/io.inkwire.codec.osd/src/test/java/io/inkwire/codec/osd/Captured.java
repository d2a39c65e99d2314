package io.inkwire.codec.osd;

import io.inkwire.api.message.RawMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The OSD-session messages carved from {@code rados-put-get-crc.pcap} (see {@code capture/README.md}). */
final class Captured {

    static final java.util.UUID FSID = java.util.UUID.fromString("cc79f3ce-7e19-4ee4-8905-0ed31737017a");

    /** One row of {@code capture/index.tsv}: a message's header fields as captured, and its segments. */
    record Message(String name, int type, int version, int compat, int priority, long tid, long seq, byte[] front,
            byte[] data) {

        RawMessage raw() {
            return RawMessage.builder(type).version(version).compatVersion(compat).priority(priority).tid(tid).seq(seq)
                    .front(front).data(data).build();
        }
    }

    private Captured() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Captured.class.getResourceAsStream("capture/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource capture/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Message> all() {
        List<Message> out = new ArrayList<>();
        for (String line : new String(bytes("index.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            String name = f[0];
            byte[] data = Integer.parseInt(f[8]) == 0 ? new byte[0] : bytes(name + ".data.bin");
            out.add(new Message(name, Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), bytes(name + ".front.bin"), data));
        }
        return out;
    }

    static Message message(String name) {
        return all().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no captured message " + name));
    }

    static List<Message> ofType(int type) {
        return all().stream().filter(m -> m.type() == type).toList();
    }

    static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** The object {@code rados put} wrote: byte i is {@code i & 0xff} ({@code rados-put-get-crc.input.bin}). */
    static byte[] objectBytes() {
        byte[] b = new byte[4096];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
