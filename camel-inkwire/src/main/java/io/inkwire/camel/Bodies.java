package io.inkwire.camel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.ExchangeHelper;

/** Message bodies and values as the bytes RADOS stores, read within a bound. */
final class Bodies {

    private Bodies() {
    }

    /**
     * A small value (an xattr, an omap value) as bytes: byte[], String (UTF-8), ByteBuffer, a
     * stream, or whatever Camel converts to bytes; refused when larger than {@code limit}.
     */
    static byte[] boundedBytes(Exchange exchange, Object value, int limit, String what) throws InvalidPayloadException, IOException {
        byte[] b;
        if (value == null) {
            b = new byte[0];
        } else if (value instanceof byte[] a) {
            b = a;
        } else if (value instanceof String s) {
            b = s.getBytes(charset(exchange));
        } else if (value instanceof ByteBuffer buf) {
            b = new byte[buf.remaining()];
            buf.duplicate().get(b);
        } else if (value instanceof InputStream in) {
            b = in.readNBytes(limit + 1);
        } else {
            InputStream in = exchange.getContext().getTypeConverter().convertTo(InputStream.class, exchange, value);
            if (in == null) {
                throw new InvalidPayloadException(exchange, byte[].class);
            }
            try (in) {
                b = in.readNBytes(limit + 1);
            }
        }
        if (b.length > limit) {
            throw new IllegalArgumentException(what + " is larger than chunkSize (" + limit + " bytes)");
        }
        return b;
    }

    /** The exchange's charset (Exchange.CHARSET_NAME), UTF-8 when it names none. */
    static Charset charset(Exchange exchange) {
        String name = ExchangeHelper.getCharsetName(exchange, false);
        return name != null ? Charset.forName(name) : StandardCharsets.UTF_8;
    }

    /** The body as a stream to write in chunks; {@code opened} tells whether this call opened it (and so must close it). */
    record Source(byte[] array, InputStream stream, boolean opened) {
    }

    static Source source(Message in) throws InvalidPayloadException {
        Object body = in.getBody();
        if (body == null) {
            return new Source(new byte[0], null, false);
        }
        if (body instanceof byte[] a) {
            return new Source(a, null, false);
        }
        if (body instanceof String s) {
            return new Source(s.getBytes(charset(in.getExchange())), null, false);
        }
        if (body instanceof InputStream s) {
            return new Source(null, s, false);
        }
        // a file, a GenericFile from the file consumer, a ByteBuffer…: read as a stream, never whole
        return new Source(null, in.getMandatoryBody(InputStream.class), true);
    }
}
