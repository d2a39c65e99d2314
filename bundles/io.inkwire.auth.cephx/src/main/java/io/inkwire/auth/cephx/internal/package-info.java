/**
 * cephx internals, not exported: the cipher and key proof ({@link io.inkwire.auth.cephx.internal.CephxCipher},
 * {@link io.inkwire.auth.cephx.internal.KeyProof}), one record per wire structure (CephxProtocol.h, Auth.h),
 * the client side ({@link io.inkwire.auth.cephx.internal.CephxClientHandler} with its monitor and service
 * sessions) and the server side ({@link io.inkwire.auth.cephx.internal.CephxServerHandler} with its monitor
 * and authorizer exchanges).
 */
package io.inkwire.auth.cephx.internal;
