package io.inkwire.transport.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * The channel's read-buffer allocator, but for reads that can land in the payload buffer its
 * socket is filling: while a large message payload is being read into a direct buffer the engine
 * leased, the next socket read goes straight into the rest of that buffer ({@link
 * SocketHandler#payloadReadTarget()}) instead of into a buffer of Netty's that would then be copied.
 * The kernel's copy into the message's buffer is then the only one, as with Ceph's
 * {@code post_rx_buffer}. Sizing, counting and the decision to keep reading are the wrapped
 * allocator's.
 */
final class PayloadReadAllocator implements RecvByteBufAllocator {

    private final RecvByteBufAllocator delegate;
    private final SocketHandler socket;

    PayloadReadAllocator(RecvByteBufAllocator delegate, SocketHandler socket) {
        this.delegate = delegate;
        this.socket = socket;
    }

    @Override
    public Handle newHandle() {
        return new PayloadHandle(delegate.newHandle());
    }

    /** An {@link ExtendedHandle}, as the epoll transport requires of its allocator's handles. */
    private final class PayloadHandle extends DelegatingHandle implements ExtendedHandle {

        PayloadHandle(Handle delegate) {
            super(delegate);
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf target = socket.payloadReadTarget();
            return target != null ? target : super.allocate(alloc);
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return delegate() instanceof ExtendedHandle e ? e.continueReading(maybeMoreDataSupplier) : delegate().continueReading();
        }
    }
}
