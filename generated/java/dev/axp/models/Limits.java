package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Limits the server enforces (AXP-CAP-004).
 */
public class Limits {
    private Long maxBodyBytes;
    private Long maxWaitSeconds;

    /**
     * The largest request body accepted, in bytes; larger ones are 413 payload_too_large.
     */
    @JsonProperty("max_body_bytes")
    public Long getMaxBodyBytes() { return maxBodyBytes; }
    @JsonProperty("max_body_bytes")
    public void setMaxBodyBytes(Long value) { this.maxBodyBytes = value; }

    /**
     * The largest wait_seconds a stream accepts.
     */
    @JsonProperty("max_wait_seconds")
    public Long getMaxWaitSeconds() { return maxWaitSeconds; }
    @JsonProperty("max_wait_seconds")
    public void setMaxWaitSeconds(Long value) { this.maxWaitSeconds = value; }
}
