package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of GET /v1/intents/{intent_id}/events.
 */
public class ListEventsResponse {
    private IntentEvent[] events;
    private long nextSeq;
    private boolean ok;

    /**
     * At most limit events with seq greater than since, in seq order (AXP-API-004).
     */
    @JsonProperty("events")
    public IntentEvent[] getEvents() { return events; }
    @JsonProperty("events")
    public void setEvents(IntentEvent[] value) { this.events = value; }

    /**
     * The seq the intent's next event will get (its last seq plus one), whatever this page
     * holds.
     */
    @JsonProperty("next_seq")
    public long getNextSeq() { return nextSeq; }
    @JsonProperty("next_seq")
    public void setNextSeq(long value) { this.nextSeq = value; }

    /**
     * Always true on a 200 answer.
     */
    @JsonProperty("ok")
    public boolean getOk() { return ok; }
    @JsonProperty("ok")
    public void setOk(boolean value) { this.ok = value; }
}
