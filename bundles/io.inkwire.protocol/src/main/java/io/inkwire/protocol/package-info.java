/**
 * The msgr2 and msgr1 protocol engines, both roles, free of any I/O library: bytes in, bytes out,
 * events up. An engine never blocks and owns no thread.
 *
 * <p><b>Owns</b> everything that is protocol: the state machines ({@link io.inkwire.protocol.ProtocolV2}
 * and {@link io.inkwire.protocol.ProtocolV1}, one state enum and one dispatch each, their phases in
 * the {@code V2…Phase} and {@code V1…Phase} classes), authentication in the handshake and msgr1's
 * MAuth exchange, the sessions that outlive sockets with their resend and reconnect rules
 * ({@link io.inkwire.protocol.Session}, {@link io.inkwire.protocol.SessionRegistry}), connection
 * races, and what the connections of one messenger share ({@link io.inkwire.protocol.MessengerCore}).
 *
 * <p><b>The seam to a transport</b> is {@link io.inkwire.protocol.ProtocolEngine} (made by its
 * {@code connector} / {@code acceptor} factories, which pick the protocol by address), the
 * {@link io.inkwire.protocol.Transport} a transport implements, the
 * {@link io.inkwire.protocol.ProtocolListener} it hears and the {@link io.inkwire.protocol.Session}
 * it queues on. A transport (Netty, an in-memory one in a test) needs nothing else from here.
 *
 * <p><b>Must not import</b> an I/O or threading library (Netty, sockets, channels, executors), a
 * transport, or anything built on the messenger (monclient, cli, osgi). It builds on
 * {@code io.inkwire.api}, {@code io.inkwire.wire} (encodings, frames, msgr1 structures) and
 * {@code io.inkwire.codec.mon} (MAuth, MAuthReply) only.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.protocol;
