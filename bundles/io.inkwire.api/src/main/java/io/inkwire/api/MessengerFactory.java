package io.inkwire.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates messengers; a transport bundle provides it (an OSGi service, or found with
 * {@link java.util.ServiceLoader}).
 */
@ProviderType
public interface MessengerFactory {

    /** The transport's name, e.g. {@code netty}. */
    String transport();

    Messenger create(MessengerConfig config);
}
