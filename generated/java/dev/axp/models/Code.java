package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class Code {
    private String category;
    private String code;
    private String description;
    private long httpStatus;
    private boolean retryable;

    /**
     * The code's category.
     */
    @JsonProperty("category")
    public String getCategory() { return category; }
    @JsonProperty("category")
    public void setCategory(String value) { this.category = value; }

    /**
     * The code, as error.code carries it; never reused with another meaning (AXP-ERR-007).
     */
    @JsonProperty("code")
    public String getCode() { return code; }
    @JsonProperty("code")
    public void setCode(String value) { this.code = value; }

    /**
     * When the code is used.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * The HTTP status an answer with this code has (AXP-ERR-002).
     */
    @JsonProperty("http_status")
    public long getHTTPStatus() { return httpStatus; }
    @JsonProperty("http_status")
    public void setHTTPStatus(long value) { this.httpStatus = value; }

    /**
     * Whether a client may retry a request that got this code (AXP-ERR-006).
     */
    @JsonProperty("retryable")
    public boolean getRetryable() { return retryable; }
    @JsonProperty("retryable")
    public void setRetryable(boolean value) { this.retryable = value; }
}
