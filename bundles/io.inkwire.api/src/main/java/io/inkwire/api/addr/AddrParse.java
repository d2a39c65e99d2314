package io.inkwire.api.addr;

import java.util.Objects;

/**
 * What parsing the start of a text gave: the value and the text that follows it (Ceph's
 * {@code parse(s, &end)} contract, used where addresses are embedded in longer strings).
 *
 * @param <T>   {@link EntityAddr} or {@link EntityAddrVec}
 * @param value what was parsed
 * @param rest  the unparsed remainder, possibly empty
 */
public record AddrParse<T>(T value, String rest) {

    public AddrParse {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rest, "rest");
    }
}
