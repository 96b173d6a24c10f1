package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of a 200 answer to POST /v1/intents/{intent_id}/controls.
 */
public class ControlsResponse {
    private boolean applied;
    private Intent intent;
    private boolean ok;
    private long policyGeneration;

    /**
     * Whether the patch changed the intent.
     */
    @JsonProperty("applied")
    public boolean getApplied() { return applied; }
    @JsonProperty("applied")
    public void setApplied(boolean value) { this.applied = value; }

    /**
     * The intent after the patch.
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

    /**
     * The intent's policy_generation after the patch.
     */
    @JsonProperty("policy_generation")
    public long getPolicyGeneration() { return policyGeneration; }
    @JsonProperty("policy_generation")
    public void setPolicyGeneration(long value) { this.policyGeneration = value; }
}
