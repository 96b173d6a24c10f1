package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of a 200 answer to resolve, resume, cancel and ack: the intent after the write and
 * the event it appended (null when nothing changed).
 */
public class IntentUpdateResponse {
    private boolean applied;
    private IntentEvent event;
    private IntentEvent[] events;
    private Intent intent;
    private boolean ok;

    /**
     * Whether the write changed the intent; false only for a repeated ack (AXP-LC-014).
     */
    @JsonProperty("applied")
    public boolean getApplied() { return applied; }
    @JsonProperty("applied")
    public void setApplied(boolean value) { this.applied = value; }

    /**
     * The last event the write appended; null when nothing changed.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonProperty("event")
    public IntentEvent getEvent() { return event; }
    @JsonProperty("event")
    public void setEvent(IntentEvent value) { this.event = value; }

    /**
     * Every event the write appended, in order (an ack of a SUBMITTED intent appends two).
     */
    @JsonProperty("events")
    public IntentEvent[] getEvents() { return events; }
    @JsonProperty("events")
    public void setEvents(IntentEvent[] value) { this.events = value; }

    /**
     * The intent after the write.
     */
    @JsonProperty("intent")
    public Intent getIntent() { return intent; }
    @JsonProperty("intent")
    public void setIntent(Intent value) { this.intent = value; }

    /**
     * Always true on a 200 answer.
     */
    @JsonProperty("ok")
    public boolean getOk() { return ok; }
    @JsonProperty("ok")
    public void setOk(boolean value) { this.ok = value; }
}
