package io.inkwire.protocol;

import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.message.RawMessage;
import java.util.ArrayList;
import java.util.List;

/** Records an engine's events; a second onReady for one session is an error. */
final class RecordingListener implements ProtocolListener {

    ConnectionInfo ready;
    final List<RawMessage> messages = new ArrayList<>();
    final List<long[]> keepaliveAcks = new ArrayList<>();
    Throwable closedCause;
    int closedCalls;
    int faults;
    int remoteResets;
    int discarded;
    int resumes;

    @Override
    public void onReady(ConnectionInfo info, boolean resumed) {
        if (resumed) {
            resumes++;
        } else {
            onReady(info);
        }
    }

    @Override
    public void onReady(ConnectionInfo info) {
        if (ready != null) {
            throw new AssertionError("onReady twice");
        }
        ready = info;
    }

    @Override
    public void onFault(Throwable cause) {
        faults++;
    }

    @Override
    public void onRemoteReset() {
        remoteResets++;
    }

    @Override
    public void onDiscarded() {
        discarded++;
    }

    @Override
    public void onMessage(RawMessage message) {
        messages.add(message);
    }

    @Override
    public void onKeepaliveAck(long stampSec, int stampNsec) {
        keepaliveAcks.add(new long[] {stampSec, stampNsec});
    }

    @Override
    public void onClosed(Throwable cause) {
        closedCalls++;
        closedCause = cause;
    }
}
