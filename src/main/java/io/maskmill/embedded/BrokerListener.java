package io.maskmill.embedded;

import io.maskmill.events.OutgoingEvent;

/** Hears what the embedded broker does, for progress display and job bookkeeping. */
public interface BrokerListener {
    void delivered(OutgoingEvent event);

    void failed(OutgoingEvent event, Throwable failure);
}
