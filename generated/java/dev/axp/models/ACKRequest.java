package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of POST /v1/intents/{intent_id}/ack (may be empty).
 */
public class ACKRequest {
    private String actor;

    /**
     * Accepted for compatibility with upstream clients and ignored: events name the
     * authenticated principal (AXP-EV-009).
     */
    @JsonProperty("actor")
    public String getActor() { return actor; }
    @JsonProperty("actor")
    public void setActor(String value) { this.actor = value; }
}
