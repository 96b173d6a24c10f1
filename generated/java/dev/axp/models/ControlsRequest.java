package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of POST /v1/intents/{intent_id}/controls.
 */
public class ControlsRequest {
    private String actor;
    private ControlsPatch controlsPatch;
    private Long expectedPolicyGeneration;
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
     * The controls to change; fields left out keep their value (AXP-API-017).
     */
    @JsonProperty("controls_patch")
    public ControlsPatch getControlsPatch() { return controlsPatch; }
    @JsonProperty("controls_patch")
    public void setControlsPatch(ControlsPatch value) { this.controlsPatch = value; }

    /**
     * Apply the patch only if the intent's policy_generation still equals this; otherwise 409
     * stale_policy_generation.
     */
    @JsonProperty("expected_policy_generation")
    public Long getExpectedPolicyGeneration() { return expectedPolicyGeneration; }
    @JsonProperty("expected_policy_generation")
    public void setExpectedPolicyGeneration(Long value) { this.expectedPolicyGeneration = value; }

    /**
     * Why the controls change, for people; the platform does not act on it.
     */
    @JsonProperty("reason")
    public String getReason() { return reason; }
    @JsonProperty("reason")
    public void setReason(String value) { this.reason = value; }
}
