package io.inkwire.camel;

import io.inkwire.rados.ObjectStat;
import io.inkwire.rados.Rados;
import io.inkwire.rados.striper.RadosStriper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.camel.Message;

/**
 * The producer's put, get, stat and delete with {@code striper=true}: striped objects as
 * libradosstriper keeps them, so {@code rados --striper} reads what a route wrote and the reverse.
 */
final class StripedObjects {

    private StripedObjects() {
    }

    static boolean handles(InkwireRadosOperation op) {
        return switch (op) {
            case put, get, stat, delete -> true;
            default -> false;
        };
    }

    static void run(InkwireRadosOperation op, RadosStriper striper, String soid, Message in, int chunk) throws Exception {
        switch (op) {
            case put -> {
                Bodies.Source src = Bodies.source(in);
                InputStream s = src.array() != null ? new ByteArrayInputStream(src.array()) : src.stream();
                long n;
                try {
                    n = striper.upload(soid, s);
                } finally {
                    if (src.opened()) {
                        s.close();
                    }
                }
                in.setHeader(InkwireRadosConstants.OBJECT_SIZE, n);
            }
            case get -> {
                ObjectStat st = Rados.await(striper.stat(soid));
                if (st.size() <= chunk) {
                    ByteBuffer all = Rados.await(striper.read(soid, 0, chunk));
                    in.setBody(ObjectReader.bytes(all));
                } else {
                    in.setBody(new StripedObjectStream(striper, soid, st.size(), chunk));
                }
                headers(in, st);
            }
            case stat -> {
                ObjectStat st = Rados.await(striper.stat(soid));
                in.setBody(st);
                headers(in, st);
            }
            case delete -> Rados.await(striper.remove(soid));
            default -> throw new IllegalStateException("operation " + op);
        }
    }

    private static void headers(Message in, ObjectStat st) {
        in.setHeader(InkwireRadosConstants.OBJECT_SIZE, st.size());
        in.setHeader(InkwireRadosConstants.LAST_MODIFIED, st.mtime());
    }
}
