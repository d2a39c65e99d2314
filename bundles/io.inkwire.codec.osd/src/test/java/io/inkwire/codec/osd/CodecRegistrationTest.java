package io.inkwire.codec.osd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.MessageCodecs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The codecs are found through ServiceLoader, and each DS descriptor advertises the type its codec handles. */
class CodecRegistrationTest {

    private static final Set<Integer> TYPES = Set.of(13, 14, 41, 42, 43, 44, 48, 49, 58, 59, 61);

    @SuppressWarnings("rawtypes")
    private static List<MessageCodec<?>> loaded() {
        List<MessageCodec<?>> out = new ArrayList<>();
        for (MessageCodec c : ServiceLoader.load(MessageCodec.class)) {
            out.add(c);
        }
        return out;
    }

    @Test
    void service_loader_finds_one_codec_per_osd_message() {
        MessageCodecs codecs = MessageCodecs.of(loaded());
        Set<Integer> types = new TreeSet<>();
        codecs.all().forEach(c -> types.add(c.type()));
        assertEquals(new TreeSet<>(TYPES), types);
    }

    @Test
    void each_ds_component_advertises_its_codec_type() throws IOException {
        List<MessageCodec<?>> codecs = loaded();
        assertEquals(TYPES.size(), codecs.size());
        for (MessageCodec<?> c : codecs) {
            String xml = "OSGI-INF/" + c.getClass().getName() + ".xml";
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(xml)) {
                assertNotNull(in, "bnd generated no DS descriptor " + xml);
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(text.contains("<property name=\"inkwire.message.type\" type=\"Integer\" value=\"" + c.type() + "\"/>"), text);
                assertTrue(text.contains("<provide interface=\"io.inkwire.api.message.MessageCodec\"/>"), text);
            }
        }
    }
}
