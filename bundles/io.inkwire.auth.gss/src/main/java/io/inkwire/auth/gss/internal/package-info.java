/**
 * gss internals, not exported: Ceph's framing ({@link io.inkwire.auth.gss.internal.KrbWire}), the
 * options ({@link io.inkwire.auth.gss.internal.GssSettings}), the JDK login
 * ({@link io.inkwire.auth.gss.internal.KerberosLogin}), the client and acceptor handlers and
 * sessions, the principal map, and the key schedule of inkwire's extension
 * ({@link io.inkwire.auth.gss.internal.SessionSecrets}).
 */
package io.inkwire.auth.gss.internal;
