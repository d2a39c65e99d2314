package io.inkwire.osgi.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.osgi.framework.ServiceReference;

/**
 * Services of one type as DS binds and unbinds them, best ranking first. Readers get an immutable
 * snapshot without locking; the I/O threads read it for every new connection.
 */
final class ServiceList<T> {

    private final Map<ServiceReference<?>, T> byRef = new TreeMap<>(Collections.reverseOrder());
    private volatile List<T> snapshot = List.of();

    synchronized void add(ServiceReference<?> ref, T service) {
        byRef.put(ref, service);
        snapshot = List.copyOf(byRef.values());
    }

    /** Removes and returns the service bound under {@code ref}, or null. */
    synchronized T remove(ServiceReference<?> ref) {
        T removed = byRef.remove(ref);
        snapshot = List.copyOf(byRef.values());
        return removed;
    }

    List<T> get() {
        return snapshot;
    }

    @Override
    public synchronized String toString() {
        return byRef.values().stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
