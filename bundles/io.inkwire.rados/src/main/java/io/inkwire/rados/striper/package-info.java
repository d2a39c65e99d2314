/**
 * Striped objects as Ceph's libradosstriper stores them ({@code src/libradosstriper/RadosStriperImpl.cc}):
 * a large logical object spread over RADOS objects {@code NAME.%016x}, its layout and size in xattrs
 * of the first one, and the {@code striper.lock} advisory lock held while it is read or changed, so an
 * object written by {@code rados --striper} reads back here and the reverse. {@link StripeLayout}
 * holds the mapping rules of {@code src/osdc/Striper.cc}; {@link RadosStriper} does the I/O, with
 * streaming uploads and downloads in bounded memory. Implementation in
 * {@code io.inkwire.rados.striper.internal}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.inkwire.rados.striper;
