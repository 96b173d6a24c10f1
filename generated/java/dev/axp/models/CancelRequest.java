package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of POST /v1/intents/{intent_id}/cancel.
 */
public class CancelRequest {
    private String actor;
    private String reason;

    /**
     * Accepted for compatibility with upstream clients and ignored: events name the
     * authenticated principal (AXP-EV-009).
     */
    @JsonProperty("actor")
    public String getActor() { return actor; }
    @JsonProperty("actor")
    public void setActor(String value) { this.actor = value; }

    /**
     * Why the sender cancels; recorded as details.reason of the intent.canceled event.
     */
    @JsonProperty("reason")
    public String getReason() { return reason; }
    @JsonProperty("reason")
    public void setReason(String value) { this.reason = value; }
}
