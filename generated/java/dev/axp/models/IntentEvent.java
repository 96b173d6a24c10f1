package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of an intent's ordered event log (AXP-EV-*). Extra fields are allowed.
 */
public class IntentEvent {
    private String actor;
    private OffsetDateTime at;
    private Map<String, Object> details;
    private IntentEventEventType eventType;
    private String handler;
    private UUID intentID;
    private long seq;
    private Status status;
    private WaitingReason waitingReason;

    /**
     * Who caused the event: an agent address, or platform (AXP-EV-009, AXP-EV-011).
     */
    @JsonProperty("actor")
    public String getActor() { return actor; }
    @JsonProperty("actor")
    public void setActor(String value) { this.actor = value; }

    /**
     * When the event was appended.
     */
    @JsonProperty("at")
    public OffsetDateTime getAt() { return at; }
    @JsonProperty("at")
    public void setAt(OffsetDateTime value) { this.at = value; }

    /**
     * Event-specific facts: result, error or reason on terminal events (AXP-EV-010), attempt
     * numbers on deliveries, remind_count on reminders.
     */
    @JsonProperty("details")
    public Map<String, Object> getDetails() { return details; }
    @JsonProperty("details")
    public void setDetails(Map<String, Object> value) { this.details = value; }

    /**
     * What happened; for a status change, the event type the lifecycle table gives the status
     * entered (AXP-EV-003).
     */
    @JsonProperty("event_type")
    public IntentEventEventType getEventType() { return eventType; }
    @JsonProperty("event_type")
    public void setEventType(IntentEventEventType value) { this.eventType = value; }

    /**
     * The handler after an intent.transfer event (AXP-LC-013).
     */
    @JsonProperty("handler")
    public String getHandler() { return handler; }
    @JsonProperty("handler")
    public void setHandler(String value) { this.handler = value; }

    /**
     * The intent the event belongs to.
     */
    @JsonProperty("intent_id")
    public UUID getIntentID() { return intentID; }
    @JsonProperty("intent_id")
    public void setIntentID(UUID value) { this.intentID = value; }

    /**
     * The event's position in the intent's log: 1, 2, 3 … with no gap (AXP-EV-001, AXP-EV-002).
     */
    @JsonProperty("seq")
    public long getSeq() { return seq; }
    @JsonProperty("seq")
    public void setSeq(long value) { this.seq = value; }

    /**
     * The intent's status after the event; annotation events repeat the current one
     * (AXP-LC-007).
     */
    @JsonProperty("status")
    public Status getStatus() { return status; }
    @JsonProperty("status")
    public void setStatus(Status value) { this.status = value; }

    /**
     * What a WAITING intent waits on; present exactly when status is WAITING (AXP-LC-004,
     * AXP-LC-005).
     */
    @JsonProperty("waiting_reason")
    public WaitingReason getWaitingReason() { return waitingReason; }
    @JsonProperty("waiting_reason")
    public void setWaitingReason(WaitingReason value) { this.waitingReason = value; }
}
