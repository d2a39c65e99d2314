/** The components that publish RADOS clients; not exported (the API is io.inkwire.rados). */
package io.inkwire.rados.osgi.internal;
