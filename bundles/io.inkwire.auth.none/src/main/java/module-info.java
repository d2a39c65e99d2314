/** The none auth method. */
module io.inkwire.auth.none {
    requires io.inkwire.wire;
    requires static org.osgi.service.component.annotations;

    provides io.inkwire.api.auth.AuthProvider with io.inkwire.auth.none.NoneAuthProvider;
}
