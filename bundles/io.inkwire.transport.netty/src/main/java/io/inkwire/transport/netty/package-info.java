/**
 * The Netty TCP transport: a {@link io.inkwire.api.MessengerFactory}.
 *
 * <p><b>Owns</b> sockets and what is about sockets: event loops (epoll or NIO), dialing and binding,
 * handing an engine exactly the chunks it asks for, gathering writes and holding them while the
 * socket is behind, the handshake, keepalive, dead-peer, idle and standby timers, redialing a
 * lossless session with backoff, the dispatch throttle and the dispatch queue that runs application
 * code outside the session's lock, and fault injection. One connection class
 * ({@code internal.NettyConnection}) drives any protocol engine.
 *
 * <p><b>Must not import</b> protocol: no msgr2 or msgr1 framing, frames or structures
 * ({@code io.inkwire.wire…}), no auth sessions or message codecs ({@code io.inkwire.api.auth}
 * beyond the {@code Messenger} API's own types, {@code io.inkwire.codec…}), no concrete engine
 * ({@code ProtocolV2}, {@code ProtocolV1}). From {@code io.inkwire.protocol} it uses the engine
 * contract only: {@code ProtocolEngine}, {@code Transport}, {@code ProtocolListener},
 * {@code Session}, {@code MessengerCore}, {@code AddressPolicy}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.transport.netty;
