package io.inkwire.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inkwire.api.addr.AddrParse;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ceph's own unit-test examples for address parsing, printing and the legacy encoding
 * ({@code src/test/test_addrs.cc}: addr_checks, addr_only_checks, addr_checks2,
 * addrvec_parse_checks), with Ceph's default type for {@code entity_addr_t::parse} (msgr2). Each
 * row: input, what Ceph prints for the parsed value ("" = no parse), what is left unparsed.
 */
class CephAddrExamplesTest {

    static Stream<Arguments> addrChecks() {
        return Stream.of(
            Arguments.of("127.0.0.1", "v2:127.0.0.1:0/0", ""),
            Arguments.of("127.0.0.1 foo", "v2:127.0.0.1:0/0", " foo"),
            Arguments.of("127.0.0.1:1234 foo", "v2:127.0.0.1:1234/0", " foo"),
            Arguments.of("127.0.0.1:1234/5678 foo", "v2:127.0.0.1:1234/5678", " foo"),
            Arguments.of("1.2.3:4 a", "", "1.2.3:4 a"),
            Arguments.of("2607:f298:4:2243::5522", "v2:[2607:f298:4:2243::5522]:0/0", ""),
            Arguments.of("[2607:f298:4:2243::5522]", "v2:[2607:f298:4:2243::5522]:0/0", ""),
            Arguments.of("2607:f298:4:2243::5522a", "", "2607:f298:4:2243::5522a"),
            Arguments.of("[2607:f298:4:2243::5522]a", "v2:[2607:f298:4:2243::5522]:0/0", "a"),
            Arguments.of("[2607:f298:4:2243::5522]:1234a", "v2:[2607:f298:4:2243::5522]:1234/0", "a"),
            Arguments.of("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "v2:[2001:db8:85a3::8a2e:370:7334]:0/0", ""),
            Arguments.of("2001:2db8:85a3:4334:4324:8a2e:1370:7334", "v2:[2001:2db8:85a3:4334:4324:8a2e:1370:7334]:0/0", ""),
            Arguments.of("::", "v2:[::]:0/0", ""),
            Arguments.of("::zz", "v2:[::]:0/0", "zz"),
            Arguments.of(":: 12:34", "v2:[::]:0/0", " 12:34"),
            Arguments.of("-", "-", ""),
            Arguments.of("-asdf", "-", "asdf"),
            Arguments.of("v1:1.2.3.4", "v1:1.2.3.4:0/0", ""),
            Arguments.of("v1:1.2.3.4:12", "v1:1.2.3.4:12/0", ""),
            Arguments.of("v1:1.2.3.4:12/34", "v1:1.2.3.4:12/34", ""),
            Arguments.of("v2:1.2.3.4", "v2:1.2.3.4:0/0", ""),
            Arguments.of("v2:1.2.3.4:12", "v2:1.2.3.4:12/0", ""),
            Arguments.of("v2:1.2.3.4:12/34", "v2:1.2.3.4:12/34", ""));
    }

    static Stream<Arguments> addrOnlyChecks() {
        // a single-address parse must not take a vector
        return Stream.of(Arguments.of("[v2:1.2.3.4:111/0,v1:5.6.7.8:222/0]", "", "[v2:1.2.3.4:111/0,v1:5.6.7.8:222/0]"));
    }

    static Stream<Arguments> addrChecks2() {
        return Stream.of(
            Arguments.of("v1:127.0.0.1", "v1:127.0.0.1:0/0", ""),
            Arguments.of("v1:127.0.0.1 foo", "v1:127.0.0.1:0/0", " foo"),
            Arguments.of("v1:127.0.0.1:1234 foo", "v1:127.0.0.1:1234/0", " foo"),
            Arguments.of("v1:127.0.0.1:1234/5678 foo", "v1:127.0.0.1:1234/5678", " foo"),
            Arguments.of("v1:2607:f298:4:2243::5522", "v1:[2607:f298:4:2243::5522]:0/0", ""),
            Arguments.of("v1:[2607:f298:4:2243::5522]", "v1:[2607:f298:4:2243::5522]:0/0", ""),
            Arguments.of("v1:[2607:f298:4:2243::5522]a", "v1:[2607:f298:4:2243::5522]:0/0", "a"),
            Arguments.of("v1:[2607:f298:4:2243::5522]:1234a", "v1:[2607:f298:4:2243::5522]:1234/0", "a"),
            Arguments.of("v1:2001:0db8:85a3:0000:0000:8a2e:0370:7334", "v1:[2001:db8:85a3::8a2e:370:7334]:0/0", ""),
            Arguments.of("v1:2001:2db8:85a3:4334:4324:8a2e:1370:7334", "v1:[2001:2db8:85a3:4334:4324:8a2e:1370:7334]:0/0", ""),
            Arguments.of("v1:1.2.3.4", "v1:1.2.3.4:0/0", ""),
            Arguments.of("v1:1.2.3.4:12", "v1:1.2.3.4:12/0", ""),
            Arguments.of("v1:1.2.3.4:12/34", "v1:1.2.3.4:12/34", ""));
    }

    static Stream<Arguments> addrvecParseChecks() {
        return Stream.of(
            Arguments.of("", "", ""),
            Arguments.of("foo", "", "foo"),
            Arguments.of(" foo", "", " foo"),
            Arguments.of("127.0.0.1", "v2:127.0.0.1:0/0", ""),
            Arguments.of("127.0.0.1 foo", "v2:127.0.0.1:0/0", " foo"),
            Arguments.of("[127.0.0.1]", "v2:127.0.0.1:0/0", ""),
            Arguments.of("[127.0.0.1] foo", "v2:127.0.0.1:0/0", " foo"),
            Arguments.of("127.0.0.1,::,- foo", "v2:127.0.0.1:0/0", ",::,- foo"),
            Arguments.of("[127.0.0.1,::,-] foo", "[v2:127.0.0.1:0/0,v2:[::]:0/0,-]", " foo"),
            Arguments.of("[127.0.0.1,::],- foo", "[v2:127.0.0.1:0/0,v2:[::]:0/0]", ",- foo"),
            Arguments.of("[1.2.3.4,::,foo]", "", "[1.2.3.4,::,foo]"),
            Arguments.of("[1.2.3.4,::,- foo", "", "[1.2.3.4,::,- foo"),
            Arguments.of("[[::],1.2.3.4]", "[v2:[::]:0/0,v2:1.2.3.4:0/0]", ""),
            Arguments.of("[::],1.2.3.4", "v2:[::]:0/0", ",1.2.3.4"));
    }

    @ParameterizedTest(name = "entity_addr_t::parse ''{0}''")
    @MethodSource({"addrChecks", "addrOnlyChecks"})
    void parses_an_address_as_ceph_does(String in, String printed, String rest) {
        if (printed.isEmpty()) {
            assertThrows(IllegalArgumentException.class, () -> EntityAddr.parsePrefix(in, AddrType.MSGR2));
            return;
        }
        AddrParse<EntityAddr> p = EntityAddr.parsePrefix(in, AddrType.MSGR2);
        assertEquals(printed, p.value().toString());
        assertEquals(rest, p.rest());
    }

    @ParameterizedTest(name = "entity_addrvec_t::parse ''{0}''")
    @MethodSource({"addrChecks", "addrChecks2", "addrvecParseChecks"})
    void parses_an_address_vector_as_ceph_does(String in, String printed, String rest) {
        if (printed.isEmpty()) {
            assertThrows(IllegalArgumentException.class, () -> EntityAddrVec.parsePrefix(in, AddrType.MSGR2));
            return;
        }
        AddrParse<EntityAddrVec> p = EntityAddrVec.parsePrefix(in, AddrType.MSGR2);
        assertEquals(printed, p.value().toString());
        assertEquals(rest, p.rest());
    }

    /** TestAddrEncodeAddrvecDecode / TestAddrvec0EncodeAddrDecode: the legacy form decodes to the same address, alone or as a vector. */
    @ParameterizedTest(name = "legacy encoding of ''{0}''")
    @MethodSource("addrChecks2")
    void legacy_encoding_round_trips(String in, String printed, String rest) throws Exception {
        EntityAddr a = EntityAddr.parsePrefix(in, AddrType.MSGR2).value();
        CephEncoder e = new CephEncoder();
        EntityAddrCodec.encodeLegacy(e, a);
        byte[] bytes = e.toByteArray();
        assertEquals(EntityAddrCodec.LEGACY_ADDR_LEN, bytes.length);
        assertEquals(a, EntityAddrCodec.decodeVec(new CephDecoder(bytes, "t")).get(0));
        assertEquals(a, EntityAddrCodec.decode(new CephDecoder(bytes, "t")));
    }
}
