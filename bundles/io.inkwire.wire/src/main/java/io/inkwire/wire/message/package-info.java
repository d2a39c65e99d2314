/**
 * What every typed message codec builds on, whichever daemon the message is for:
 * {@link io.inkwire.wire.message.MessageCodecSupport} (header, compat check, front and data
 * segments, decode errors), {@link io.inkwire.wire.message.PayloadDecoder} (the same errors for a
 * payload decoded on its own) and {@link io.inkwire.wire.message.PaxosServiceHeader} (the prefix of
 * messages to a monitor's services). The message classes themselves live in the codec bundles
 * ({@code io.inkwire.codec.mon}, …); nothing here knows a message type, and nothing here imports
 * more than the api and {@code io.inkwire.wire}'s encodings (no codec bundle, no protocol engine).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.wire.message;
