package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of GET /v1/intents/{intent_id}.
 */
public class GetIntentResponse {
    private Intent intent;
    private boolean ok;

    /**
     * The intent as it is now.
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
