/** The crc connection mode. */
module io.inkwire.mode.crc {
    requires io.inkwire.wire;
    requires static org.osgi.service.component.annotations;

    provides io.inkwire.api.mode.ConnectionMode with io.inkwire.mode.crc.CrcConnectionMode;
}
