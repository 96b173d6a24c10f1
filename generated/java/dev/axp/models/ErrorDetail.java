package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.util.Map;

/**
 * A failure description carried by FAILED intents and resume/resolve bodies.
 *
 * Why it failed; required with FAILED.
 *
 * Why it failed; required with action fail.
 */
public class ErrorDetail {
    private String code;
    private Map<String, Object> details;
    private String message;
    private Boolean retryable;

    /**
     * Machine-readable failure code, lower case (for example delivery_failed, out_of_stock).
     */
    @JsonProperty("code")
    public String getCode() { return code; }
    @JsonProperty("code")
    public void setCode(String value) { this.code = value; }

    /**
     * Further machine-readable facts about the failure.
     */
    @JsonProperty("details")
    public Map<String, Object> getDetails() { return details; }
    @JsonProperty("details")
    public void setDetails(Map<String, Object> value) { this.details = value; }

    /**
     * What went wrong, for people.
     */
    @JsonProperty("message")
    public String getMessage() { return message; }
    @JsonProperty("message")
    public void setMessage(String value) { this.message = value; }

    /**
     * Whether trying the same work again may succeed.
     */
    @JsonProperty("retryable")
    public Boolean getRetryable() { return retryable; }
    @JsonProperty("retryable")
    public void setRetryable(Boolean value) { this.retryable = value; }
}
