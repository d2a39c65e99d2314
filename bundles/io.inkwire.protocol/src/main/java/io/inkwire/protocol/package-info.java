/**
 * The msgr2 engine. A transport feeds {@link io.inkwire.protocol.ProtocolV2} exactly the number of
 * bytes it asks for and writes what it emits; the engine never blocks and owns no thread.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.protocol;
