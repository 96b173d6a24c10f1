package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A snapshot of one intent's lifecycle position: what the stream checker tracks per intent.
 */
public class LifecycleState {
    private UUID correlationID;
    private OffsetDateTime deadlineAt;
    private String handler;
    private UUID intentID;
    private long seq;
    private Status status;
    private OffsetDateTime updatedAt;
    private WaitingReason waitingReason;

    /**
     * Its workflow, when known.
     */
    @JsonProperty("correlation_id")
    public UUID getCorrelationID() { return correlationID; }
    @JsonProperty("correlation_id")
    public void setCorrelationID(UUID value) { this.correlationID = value; }

    /**
     * Its deadline, when known.
     */
    @JsonProperty("deadline_at")
    public OffsetDateTime getDeadlineAt() { return deadlineAt; }
    @JsonProperty("deadline_at")
    public void setDeadlineAt(OffsetDateTime value) { this.deadlineAt = value; }

    /**
     * The handler after the last transfer, if any.
     */
    @JsonProperty("handler")
    public String getHandler() { return handler; }
    @JsonProperty("handler")
    public void setHandler(String value) { this.handler = value; }

    /**
     * The intent tracked.
     */
    @JsonProperty("intent_id")
    public UUID getIntentID() { return intentID; }
    @JsonProperty("intent_id")
    public void setIntentID(UUID value) { this.intentID = value; }

    /**
     * The seq of the last event seen.
     */
    @JsonProperty("seq")
    public long getSeq() { return seq; }
    @JsonProperty("seq")
    public void setSeq(long value) { this.seq = value; }

    /**
     * Its status after the last event seen.
     */
    @JsonProperty("status")
    public Status getStatus() { return status; }
    @JsonProperty("status")
    public void setStatus(Status value) { this.status = value; }

    /**
     * The at of the last event seen.
     */
    @JsonProperty("updated_at")
    public OffsetDateTime getUpdatedAt() { return updatedAt; }
    @JsonProperty("updated_at")
    public void setUpdatedAt(OffsetDateTime value) { this.updatedAt = value; }

    /**
     * What it waits on while WAITING; null otherwise.
     */
    @JsonProperty("waiting_reason")
    public WaitingReason getWaitingReason() { return waitingReason; }
    @JsonProperty("waiting_reason")
    public void setWaitingReason(WaitingReason value) { this.waitingReason = value; }
}
