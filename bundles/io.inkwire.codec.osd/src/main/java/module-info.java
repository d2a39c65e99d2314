/**
 * OSD messages and the maps they carry, provided to the messenger as
 * {@link io.inkwire.api.message.MessageCodec}s.
 */
module io.inkwire.codec.osd {
    requires transitive io.inkwire.api;
    requires transitive io.inkwire.wire;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports io.inkwire.codec.osd;
    exports io.inkwire.codec.osd.map;
    exports io.inkwire.codec.osd.crush;

    provides io.inkwire.api.message.MessageCodec with
            io.inkwire.codec.osd.MOSDMap.Codec,
            io.inkwire.codec.osd.MOSDOp.Codec,
            io.inkwire.codec.osd.MOSDOpReply.Codec,
            io.inkwire.codec.osd.MWatchNotify.Codec,
            io.inkwire.codec.osd.MPoolOpReply.Codec,
            io.inkwire.codec.osd.MPoolOp.Codec,
            io.inkwire.codec.osd.MOSDBackoff.Codec,
            io.inkwire.codec.osd.MGetPoolStats.Codec,
            io.inkwire.codec.osd.MGetPoolStatsReply.Codec,
            io.inkwire.codec.osd.MStatfs.Codec,
            io.inkwire.codec.osd.MStatfsReply.Codec;
}
