package io.inkwire.camel;

import io.inkwire.codec.osd.NotifyResult;
import io.inkwire.codec.osd.OmapVals;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.ObjectPage;
import io.inkwire.rados.ObjectEntry;
import io.inkwire.rados.ObjectStat;
import io.inkwire.rados.OpSlot;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.striper.RadosStriper;
import io.inkwire.rados.ReadOp;
import io.inkwire.rados.ListCursor;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Runs one RADOS operation per exchange: the header {@code CamelInkwireOperation} or the
 * endpoint's {@code operation}, on the object the header {@code CamelInkwireObjectName} or the
 * endpoint's {@code objectName} names. A failed operation fails the exchange with an
 * {@link InkwireRadosException} carrying the errno.
 */
public class InkwireRadosProducer extends DefaultProducer {

    /** ENOENT, and ENODATA: a getxattr of an xattr the object does not have. */
    private static final int ENOENT = 2;
    private static final int ENODATA = 61;

    public InkwireRadosProducer(InkwireRadosEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public InkwireRadosEndpoint getEndpoint() {
        return (InkwireRadosEndpoint) super.getEndpoint();
    }

    private InkwireRadosConfiguration config() {
        return getEndpoint().getConfiguration();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        InkwireRadosOperation op = operation(in);
        String ns = in.getHeader(InkwireRadosConstants.NAMESPACE, config().getNamespace(), String.class);
        String pool = getEndpoint().getPool();
        String oid = op == InkwireRadosOperation.list ? null : objectName(in, op);
        IoCtx io;
        try {
            io = getEndpoint().ioCtx(ns);
        } catch (RadosException e) {
            // the pool is not in the cluster's map: a configuration error, never "missing object"
            throw new InkwireRadosException(op.name(), pool, ns, oid, e, exchange);
        }
        in.setHeader(InkwireRadosConstants.POOL, pool);
        try {
            run(op, io, oid, exchange);
        } catch (RadosException e) {
            if (isMissing(op, e) && !config().isThrowExceptionOnMissing()) {
                in.setBody(null);
                in.setHeader(InkwireRadosConstants.ERRNO, e.errno());
                return;
            }
            throw new InkwireRadosException(op.name(), pool, ns, oid, e, exchange);
        }
    }

    private void run(InkwireRadosOperation op, IoCtx io, String oid, Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        int chunk = config().getChunkSize();
        if (config().isStriper() && StripedObjects.handles(op)) {
            StripedObjects.run(op, RadosStriper.create(io), oid, in, chunk);
            return;
        }
        switch (op) {
            case put -> written(in, write(in, io, oid, chunk, false));
            case append -> written(in, write(in, io, oid, chunk, true));
            case get -> {
                ObjectContent c = ObjectReader.read(io, oid, chunk, true);
                in.setBody(c.body());
                objectHeaders(in, c);
            }
            case stat -> {
                ObjectContent c = ObjectReader.read(io, oid, chunk, false);
                in.setBody(new ObjectStat(c.size(), c.lastModified()));
                objectHeaders(in, c);
            }
            case delete -> Rados.await(io.remove(oid));
            case list -> list(in, io);
            case getxattr -> in.setBody(ObjectReader.bytes(Rados.await(io.getXattr(oid, xattrName(in, op)))));
            case setxattr -> {
                String name = xattrName(in, op);
                byte[] value = Bodies.boundedBytes(exchange, in.getBody(), chunk, "the xattr value");
                Rados.await(io.setXattr(oid, name, ByteBuffer.wrap(value)));
            }
            case omapGet -> omapGet(in, io, oid);
            case omapSet -> omapSet(exchange, io, oid, chunk);
            case notify -> notify(exchange, io, oid, chunk);
            default -> throw new IllegalStateException("operation " + op);
        }
    }

    private static ObjectWriter.Written write(Message in, IoCtx io, String oid, int chunk, boolean append) throws Exception {
        Bodies.Source src = Bodies.source(in);
        if (src.array() != null) {
            return append ? ObjectWriter.append(io, oid, src.array(), chunk) : ObjectWriter.put(io, oid, src.array(), chunk);
        }
        InputStream s = src.stream();
        try {
            return append ? ObjectWriter.append(io, oid, s, chunk) : ObjectWriter.put(io, oid, s, chunk);
        } finally {
            if (src.opened()) {
                s.close();
            }
        }
    }

    private static void written(Message in, ObjectWriter.Written w) {
        in.setHeader(InkwireRadosConstants.OBJECT_SIZE, w.bytes());
        if (w.version() > 0) {
            in.setHeader(InkwireRadosConstants.OBJECT_VERSION, w.version());
        }
    }

    static void objectHeaders(Message in, ObjectContent c) {
        in.setHeader(InkwireRadosConstants.OBJECT_SIZE, c.size());
        in.setHeader(InkwireRadosConstants.LAST_MODIFIED, c.lastModified());
        in.setHeader(InkwireRadosConstants.OBJECT_VERSION, c.version());
    }

    private void list(Message in, IoCtx io) throws RadosException, InterruptedException {
        String token = in.getHeader(InkwireRadosConstants.LIST_CURSOR, String.class);
        ListCursor from = token == null || token.isEmpty() ? ListCursor.START : ListCursorToken.decode(token);
        ObjectPage page = Rados.await(io.list(from, config().getMaxResults()));
        List<String> names = new ArrayList<>(page.entries().size());
        for (ObjectEntry e : page.entries()) {
            names.add(e.name());
        }
        in.setBody(names);
        if (page.next().isPresent()) {
            in.setHeader(InkwireRadosConstants.NEXT_CURSOR, ListCursorToken.encode(page.next().get()));
        } else {
            in.removeHeader(InkwireRadosConstants.NEXT_CURSOR);
        }
    }

    private void omapGet(Message in, IoCtx io, String oid) throws RadosException, InterruptedException {
        Collection<String> keys = omapKeys(in.getHeader(InkwireRadosConstants.OMAP_KEYS));
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (keys != null) {
            Rados.await(io.omapGetValsByKeys(oid, keys)).forEach((k, v) -> out.put(k, ObjectReader.bytes(v)));
        } else {
            String after = in.getHeader(InkwireRadosConstants.OMAP_START_AFTER, "", String.class);
            int max = config().getMaxResults();
            ReadOp op = new ReadOp();
            OpSlot<OmapVals> vals = op.omapGetVals(after, "", max);
            Rados.await(io.operate(oid, op));
            SortedMap<String, ByteBuffer> page = vals.get().values();
            page.forEach((k, v) -> out.put(k, ObjectReader.bytes(v)));
            in.setHeader(InkwireRadosConstants.OMAP_MORE, !page.isEmpty() && vals.get().more(max));
        }
        in.setBody(out);
    }

    private static void omapSet(Exchange exchange, IoCtx io, String oid, int limit) throws Exception {
        Object body = exchange.getIn().getBody();
        if (!(body instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("omapSet needs a Map body (key to bytes or text), not "
                    + (body == null ? "null" : body.getClass().getName()));
        }
        Map<String, ByteBuffer> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            values.put(key, ByteBuffer.wrap(Bodies.boundedBytes(exchange, e.getValue(), limit, "the omap value of " + key)));
        }
        Rados.await(io.omapSet(oid, values));
    }

    private void notify(Exchange exchange, IoCtx io, String oid, int limit) throws Exception {
        Message in = exchange.getIn();
        byte[] payload = Bodies.boundedBytes(exchange, in.getBody(), limit, "the notify payload");
        long ms = config().getNotifyTimeout();
        NotifyResult result = Rados.await(io.notify(oid, ByteBuffer.wrap(payload), ms == 0 ? null : Duration.ofMillis(ms)));
        Map<String, byte[]> acks = new LinkedHashMap<>();
        result.acks().forEach((w, reply) -> acks.put(Long.toUnsignedString(w.gid()) + ":" + Long.toUnsignedString(w.cookie()),
                ObjectReader.bytes(reply)));
        List<String> missed = new ArrayList<>();
        result.missed().forEach(w -> missed.add(Long.toUnsignedString(w.gid()) + ":" + Long.toUnsignedString(w.cookie())));
        in.setBody(acks);
        in.setHeader(InkwireRadosConstants.NOTIFY_MISSED, missed);
    }

    /** A collection of keys, or one string of comma-separated keys; null when the header is absent. */
    static Collection<String> omapKeys(Object header) {
        if (header == null) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        if (header instanceof Collection<?> c) {
            c.forEach(k -> keys.add(String.valueOf(k)));
        } else if (header instanceof String[] a) {
            keys.addAll(Arrays.asList(a));
        } else {
            for (String k : String.valueOf(header).split(",")) {
                if (!k.isBlank()) {
                    keys.add(k.strip());
                }
            }
        }
        return keys;
    }

    private InkwireRadosOperation operation(Message in) {
        Object h = in.getHeader(InkwireRadosConstants.OPERATION);
        if (h == null) {
            return config().getOperation();
        }
        if (h instanceof InkwireRadosOperation o) {
            return o;
        }
        try {
            return InkwireRadosOperation.valueOf(String.valueOf(h));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + InkwireRadosConstants.OPERATION + " '" + h + "': one of "
                    + Arrays.toString(InkwireRadosOperation.values()));
        }
    }

    private String objectName(Message in, InkwireRadosOperation op) {
        String oid = in.getHeader(InkwireRadosConstants.OBJECT_NAME, config().getObjectName(), String.class);
        if (oid == null || oid.isEmpty()) {
            throw new IllegalArgumentException(op + " needs an object: set the " + InkwireRadosConstants.OBJECT_NAME
                    + " header or the endpoint's objectName");
        }
        return oid;
    }

    private String xattrName(Message in, InkwireRadosOperation op) {
        String name = in.getHeader(InkwireRadosConstants.XATTR_NAME, config().getXattrName(), String.class);
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(op + " needs an xattr: set the " + InkwireRadosConstants.XATTR_NAME
                    + " header or the endpoint's xattrName");
        }
        return name;
    }

    /** Whether the failure means "no such object" (or, for getxattr, no such xattr) for an operation that reads or removes. */
    private static boolean isMissing(InkwireRadosOperation op, RadosException e) {
        return switch (op) {
            case get, stat, delete, omapGet -> e.errno() == ENOENT;
            case getxattr -> e.errno() == ENOENT || e.errno() == ENODATA;
            default -> false;
        };
    }
}
