/**
 * OSD messages a RADOS client exchanges and their codecs: {@link io.inkwire.codec.osd.MOSDOp} /
 * {@link io.inkwire.codec.osd.MOSDOpReply} with the ops they carry ({@link io.inkwire.codec.osd.OsdOp},
 * opcodes in {@link io.inkwire.codec.osd.OsdOpCode}, flags in {@link io.inkwire.codec.osd.OsdFlags}) and
 * the decoders of the ops' structured outputs, {@link io.inkwire.codec.osd.MOSDMap} (maps left encoded),
 * {@link io.inkwire.codec.osd.MOSDBackoff}, {@link io.inkwire.codec.osd.MWatchNotify}, and the pool
 * operations sent to a monitor ({@link io.inkwire.codec.osd.MPoolOp}, {@link io.inkwire.codec.osd.MPoolOpReply}).
 * Each message nests its {@code Codec}, registered as a DS component and a
 * {@link java.util.ServiceLoader} provider of {@link io.inkwire.api.message.MessageCodec}. Must not
 * import the protocol engines, a transport or the RADOS client.
 */
@io.inkwire.api.annotations.InkwireMessageCodecs(value = "osd", types = {41, 42, 43, 44, 48, 49, 61})
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.codec.osd;
