/** libradosstriper's operations over an IoCtx; private to the bundle. */
package io.inkwire.rados.striper.internal;
