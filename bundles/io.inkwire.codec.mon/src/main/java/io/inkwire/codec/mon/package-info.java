/**
 * Typed monitor messages and their codecs: {@link io.inkwire.codec.mon.MMonMap} with its decoded
 * {@link io.inkwire.codec.mon.MonMap}, subscriptions, version queries, monitor commands, central
 * config and the cephx {@code MAuth}/{@code MAuthReply} carriers. Each message nests its
 * {@code Codec}, registered as a DS component and a {@link java.util.ServiceLoader} provider of
 * {@link io.inkwire.api.message.MessageCodec}.
 */
@io.inkwire.api.annotations.InkwireMessageCodecs(value = "mon", types = {2, 4, 5, 15, 16, 17, 18, 19, 20, 50, 51, 62, 97, 98})
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.codec.mon;
