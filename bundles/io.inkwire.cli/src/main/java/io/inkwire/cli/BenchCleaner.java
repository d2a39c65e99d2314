package io.inkwire.cli;

import io.inkwire.rados.IoCtx;
import io.inkwire.rados.ListCursor;
import io.inkwire.rados.ObjectEntry;
import io.inkwire.rados.ObjectPage;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code rados cleanup} and the clean-up after {@code rados bench write}
 * ({@code ObjBencher::clean_up} and {@code clean_up_slow}, {@code src/common/obj_bencher.cc}):
 * in each namespace holding objects with the prefix, the objects the metadata record names
 * ({@code benchmark_data_<this host>_<its pid>_object0…N-1}, then the record itself), or, where no
 * record is, every object with the prefix found by listing ("slow linear search"); removes run
 * {@code -t} at a time and an object already gone counts as removed. Methods return 0 or a
 * negative errno, as Ceph's do.
 */
final class BenchCleaner {

    private static final int ENOENT = 2;
    private static final int EINVAL = 22;
    private static final int EIO = 5;
    /** Ceph lists 20 at a time here; a page of 1,000 makes fewer round trips and the same result. */
    private static final int PAGE = 1000;

    private final PrintStream out;
    private final PrintStream err;
    private final BenchObjectNames names;

    BenchCleaner(PrintStream out, PrintStream err, BenchObjectNames names) {
        this.out = out;
        this.err = err;
        this.names = names;
    }

    /** {@code rados cleanup [--prefix P] [--run-name R]} in {@code io}'s namespace, or all of them. */
    int cleanUp(IoCtx io, boolean allNamespaces, String prefixOption, String runName, int concurrent) throws InterruptedException {
        String meta = BenchMetadata.name(runName);
        String prefix = prefixOption == null || prefixOption.isEmpty() ? names.prefixWithoutPid() : prefixOption;
        if (!prefix.startsWith(BenchObjectNames.BENCH_PREFIX)) {
            err.println("Specified --prefix invalid, it must begin with \"" + BenchObjectNames.BENCH_PREFIX + "\"");
            return -EINVAL;
        }
        if (concurrent <= 0) {
            return -EINVAL;
        }
        Set<String> metaNamespaces = new HashSet<>();
        SortedSet<String> namespaces = new TreeSet<>();
        int r = list(io, allNamespaces, e -> {
            if (e.name().equals(meta)) {
                metaNamespaces.add(e.namespace());
            }
            if (e.name().startsWith(prefix)) {
                namespaces.add(e.namespace());
            }
        });
        if (r < 0) {
            return r;
        }
        for (String ns : namespaces) {
            IoCtx in = io.withNamespace(ns);
            if (!metaNamespaces.contains(ns)) {
                r = cleanUpSlow(in, prefix, concurrent);
                if (r < 0) {
                    err.println("clean_up_slow error r= " + r);
                    return r;
                }
                continue;
            }
            BenchMetadata.Fetched md = BenchMetadata.fetch(in, meta, err);
            if (md.r() < 0) {
                return md.r();
            }
            r = removeRun(in, md.metadata().numObjects(), md.metadata().pid(), concurrent);
            if (r != 0) {
                return r;
            }
            r = removeOne(in, meta);
            if (r != 0) {
                return r;
            }
        }
        return 0;
    }

    /** The objects of one write run, {@code object0} to {@code object<n-1>} under {@code pid}. */
    int removeRun(IoCtx io, int numObjects, int pid, int concurrent) throws InterruptedException {
        if (numObjects == 0) {
            return 0;
        }
        Iterator<String> all = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < numObjects;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return names.object(pid, next++);
            }
        };
        long removed = removeAll(io, all, Math.min(concurrent, numObjects));
        if (removed < 0) {
            return (int) removed;
        }
        printRemoved(removed);
        return 0;
    }

    /** Every object with the prefix, found by listing this namespace. */
    private int cleanUpSlow(IoCtx io, String prefix, int concurrent) throws InterruptedException {
        out.println("Warning: using slow linear search");
        PrefixListing matching = new PrefixListing(io, prefix);
        long removed = removeAll(io, matching, concurrent);
        if (matching.error != 0) {
            return matching.error;
        }
        if (removed < 0) {
            return -EIO; // clean_up_slow turns any failure into EIO
        }
        printRemoved(removed);
        return 0;
    }

    /** Removes what {@code oids} yields, {@code concurrent} at a time: how many, or the first failure but ENOENT. */
    private long removeAll(IoCtx io, Iterator<String> oids, int concurrent) throws InterruptedException {
        AioSlots slots = new AioSlots(concurrent);
        int inFlight = 0;
        long removed = 0;
        for (int s = 0; s < concurrent && oids.hasNext(); s++) {
            String oid = oids.next();
            slots.submit(s, () -> io.remove(oid));
            inFlight++;
        }
        int failure = 0;
        while (inFlight > 0) {
            AioSlots.Done d = slots.take();
            inFlight--;
            if (d.r() != 0 && d.r() != -ENOENT) {
                if (failure == 0) {
                    err.println("remove got " + d.r());
                    failure = d.r();
                }
                continue;
            }
            removed++;
            if (failure == 0 && oids.hasNext()) {
                String oid = oids.next();
                slots.submit(d.slot(), () -> io.remove(oid));
                inFlight++;
            }
        }
        return failure != 0 ? failure : removed;
    }

    private int removeOne(IoCtx io, String oid) throws InterruptedException {
        try {
            Rados.await(io.remove(oid));
            return 0;
        } catch (RadosException e) {
            return -e.errno();
        }
    }

    private void printRemoved(long n) {
        out.println("Removed " + n + " object" + (n != 1 ? "s" : ""));
    }

    /** Lists the pool (this namespace, or every one), page by page; 0 or a negative errno. */
    static int list(IoCtx io, boolean allNamespaces, Consumer<ObjectEntry> each) throws InterruptedException {
        Optional<ListCursor> cursor = Optional.of(ListCursor.START);
        while (cursor.isPresent()) {
            ObjectPage page;
            try {
                page = Rados.await(allNamespaces ? io.listAllNamespaces(cursor.get(), PAGE) : io.list(cursor.get(), PAGE));
            } catch (RadosException e) {
                return -e.errno();
            }
            page.entries().forEach(each);
            cursor = page.next();
        }
        return 0;
    }

    /** The names in a namespace that start with a prefix, listed a page at a time as they are consumed. */
    private static final class PrefixListing implements Iterator<String> {
        private final IoCtx io;
        private final String prefix;
        private final Deque<String> ready = new ArrayDeque<>();
        private Optional<ListCursor> cursor = Optional.of(ListCursor.START);
        int error;

        PrefixListing(IoCtx io, String prefix) {
            this.io = io;
            this.prefix = prefix;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && cursor.isPresent() && error == 0) {
                try {
                    ObjectPage page = Rados.await(io.list(cursor.get(), PAGE));
                    for (ObjectEntry e : page.entries()) {
                        if (e.name().startsWith(prefix)) {
                            ready.add(e.name());
                        }
                    }
                    cursor = page.next();
                } catch (RadosException e) {
                    error = -e.errno();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    error = -EIO;
                }
            }
            return !ready.isEmpty();
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }
    }
}
