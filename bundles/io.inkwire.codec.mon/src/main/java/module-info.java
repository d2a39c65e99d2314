/**
 * Monitor messages (MMonMap/MonMap, MMonSubscribe, MMonCommand, MConfig, MAuth, …) and their codecs,
 * provided to the messenger as {@link io.inkwire.api.message.MessageCodec}s.
 */
module io.inkwire.codec.mon {
    requires transitive io.inkwire.api;
    requires transitive io.inkwire.wire;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports io.inkwire.codec.mon;

    provides io.inkwire.api.message.MessageCodec with
            io.inkwire.codec.mon.MPing.Codec,
            io.inkwire.codec.mon.MMonMap.Codec,
            io.inkwire.codec.mon.MMonGetMap.Codec,
            io.inkwire.codec.mon.MMonSubscribe.Codec,
            io.inkwire.codec.mon.MMonSubscribeAck.Codec,
            io.inkwire.codec.mon.MAuth.Codec,
            io.inkwire.codec.mon.MAuthReply.Codec,
            io.inkwire.codec.mon.MMonGetVersion.Codec,
            io.inkwire.codec.mon.MMonGetVersionReply.Codec,
            io.inkwire.codec.mon.MMonCommand.Codec,
            io.inkwire.codec.mon.MMonCommandAck.Codec,
            io.inkwire.codec.mon.MConfig.Codec,
            io.inkwire.codec.mon.MCommand.Codec,
            io.inkwire.codec.mon.MCommandReply.Codec;
}
