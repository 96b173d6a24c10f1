package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.util.Map;

/**
 * Body of POST /v1/intents/{intent_id}/resolve: write a terminal status.
 */
public class ResolveRequest {
    private String actor;
    private ErrorDetail error;
    private String reason;
    private Map<String, Object> result;
    private TerminalResolveStatus status;

    /**
     * Accepted for compatibility with upstream clients and ignored: events name the
     * authenticated principal (AXP-EV-009).
     */
    @JsonProperty("actor")
    public String getActor() { return actor; }
    @JsonProperty("actor")
    public void setActor(String value) { this.actor = value; }

    /**
     * Why it failed; required with FAILED.
     */
    @JsonProperty("error")
    public ErrorDetail getError() { return error; }
    @JsonProperty("error")
    public void setError(ErrorDetail value) { this.error = value; }

    /**
     * Why it was canceled; required with CANCELED.
     */
    @JsonProperty("reason")
    public String getReason() { return reason; }
    @JsonProperty("reason")
    public void setReason(String value) { this.reason = value; }

    /**
     * The outcome; required with COMPLETED.
     */
    @JsonProperty("result")
    public Map<String, Object> getResult() { return result; }
    @JsonProperty("result")
    public void setResult(Map<String, Object> value) { this.result = value; }

    /**
     * The terminal status to write: COMPLETED, FAILED or CANCELED (TIMED_OUT is the platform's,
     * AXP-LC-012).
     */
    @JsonProperty("status")
    public TerminalResolveStatus getStatus() { return status; }
    @JsonProperty("status")
    public void setStatus(TerminalResolveStatus value) { this.status = value; }
}
