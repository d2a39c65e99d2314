package io.inkwire.codec.osd;

import io.inkwire.api.message.MessageDecodeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The output of {@code CEPH_OSD_OP_PGNLS}: {@code pg_nls_response_t} ({@code src/osd/osd_types.h},
 * {@code ENCODE_START(1, 1)} + {@code hobject_t handle} + {@code u32 n} + n × ({@code string nspace},
 * {@code string oid}, {@code string locator})), optionally followed by a bufferlist of filter extra
 * info ({@code Objecter::_nlist_reply}). The handle is the cursor of the next request to the same PG;
 * a listing of the PG is done when the op's rval is 1 or no entry came back.
 *
 * @param handle where to continue
 * @param entries the objects, in the OSD's order
 * @param extraInfo what a PGNLS_FILTER returned besides the entries (empty otherwise)
 */
public record PgNlsResponse(HObject handle, List<Entry> entries, ByteBuffer extraInfo) {

    public PgNlsResponse {
        Objects.requireNonNull(handle, "handle");
        entries = List.copyOf(entries);
        extraInfo = OsdWire.view(extraInfo);
    }

    /**
     * One listed object ({@code librados::ListObjectImpl}).
     *
     * @param nspace its namespace
     * @param oid its name
     * @param locator its locator key ("" when none)
     */
    public record Entry(String nspace, String oid, String locator) {
        public Entry {
            Objects.requireNonNull(nspace, "nspace");
            Objects.requireNonNull(oid, "oid");
            Objects.requireNonNull(locator, "locator");
        }
    }

    public static PgNlsResponse decode(ByteBuffer output) throws MessageDecodeException {
        return OsdWire.decode(output, "pg_nls_response_t", d -> {
            d.startStruct(1, "pg_nls_response_t");
            HObject handle = HObject.decode(d);
            int n = d.count("entries", 12);
            List<Entry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                entries.add(new Entry(d.string(), d.string(), d.string()));
            }
            d.finishStruct("pg_nls_response_t");
            ByteBuffer extra = d.hasRemaining() ? OsdWire.bufferlist(d) : OsdWire.empty();
            return new PgNlsResponse(handle, entries, extra);
        });
    }

    public ByteBuffer encode() {
        return OsdWire.encoded(e -> {
            e.startStruct(1, 1);
            handle.encode(e);
            e.u32(entries.size());
            entries.forEach(x -> e.string(x.nspace).string(x.oid).string(x.locator));
            e.finishStruct();
            if (extraInfo.hasRemaining()) {
                e.bytes(extraInfo);
            }
        });
    }
}
