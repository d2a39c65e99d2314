package io.inkwire.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inkwire.api.addr.AddrParse;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Ceph's own unit-test examples for address parsing, printing and the legacy encoding
 * ({@code src/test/test_addrs.cc}: addr_checks, addr_only_checks, addr_checks2,
 * addrvec_parse_checks, one CSV file each under {@code test_addrs/}), with Ceph's default type for
 * {@code entity_addr_t::parse} (msgr2). Each row: input, what Ceph prints for the parsed value
 * ("" = no parse), what is left unparsed.
 */
class CephAddrExamplesTest {

    @ParameterizedTest(name = "entity_addr_t::parse ''{0}''")
    @CsvFileSource(resources = {"/io/inkwire/wire/test_addrs/addr_checks.csv", "/io/inkwire/wire/test_addrs/addr_only_checks.csv"})
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
    @CsvFileSource(resources = {"/io/inkwire/wire/test_addrs/addr_checks.csv", "/io/inkwire/wire/test_addrs/addr_checks2.csv", "/io/inkwire/wire/test_addrs/addrvec_parse_checks.csv"})
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
    @CsvFileSource(resources = "/io/inkwire/wire/test_addrs/addr_checks2.csv")
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
