package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Body of a 200 answer to POST /v1/intents; an idempotent replay returns the same body.
 */
public class CreateIntentResponse {
    private UUID correlationID;
    private OffsetDateTime createdAt;
    private UUID intentID;
    private boolean ok;
    private Status status;

    /**
     * The correlation_id of the request, unchanged (AXP-COR-001).
     */
    @JsonProperty("correlation_id")
    public UUID getCorrelationID() { return correlationID; }
    @JsonProperty("correlation_id")
    public void setCorrelationID(UUID value) { this.correlationID = value; }

    /**
     * When the platform accepted the intent.
     */
    @JsonProperty("created_at")
    public OffsetDateTime getCreatedAt() { return createdAt; }
    @JsonProperty("created_at")
    public void setCreatedAt(OffsetDateTime value) { this.createdAt = value; }

    /**
     * The id the platform assigned (AXP-ID-004).
     */
    @JsonProperty("intent_id")
    public UUID getIntentID() { return intentID; }
    @JsonProperty("intent_id")
    public void setIntentID(UUID value) { this.intentID = value; }

    /**
     * Always true on a 200 answer.
     */
    @JsonProperty("ok")
    public boolean getOk() { return ok; }
    @JsonProperty("ok")
    public void setOk(boolean value) { this.ok = value; }

    /**
     * The intent's status after the create's own events: SUBMITTED, or WAITING for a human task
     * (AXP-API-021).
     */
    @JsonProperty("status")
    public Status getStatus() { return status; }
    @JsonProperty("status")
    public void setStatus(Status value) { this.status = value; }
}
