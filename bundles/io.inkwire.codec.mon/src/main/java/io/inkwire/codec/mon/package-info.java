/**
 * Typed monitor messages and their codecs: {@link io.inkwire.codec.mon.MMonMap} with its decoded
 * {@link io.inkwire.codec.mon.MonMap}, subscriptions, version queries, monitor commands, central
 * config and the cephx {@code MAuth}/{@code MAuthReply} carriers. Each message nests its
 * {@code Codec}, a {@link io.inkwire.wire.message.MessageCodecSupport} holding only the message's
 * fields, registered as a DS component and a {@link java.util.ServiceLoader} provider of
 * {@link io.inkwire.api.message.MessageCodec}. What is not monitor-specific (the codec frame, the
 * PaxosServiceMessage prefix, {@code std::string} order) lives in {@code io.inkwire.wire}, so that
 * other codec bundles share it without importing this one.
 */
@io.inkwire.api.annotations.InkwireMessageCodecs(value = "mon", types = {2, 4, 5, 15, 16, 17, 18, 19, 20, 50, 51, 62, 97, 98})
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.codec.mon;
