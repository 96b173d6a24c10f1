package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.time.OffsetDateTime;

/**
 * The error object every non-2xx response carries (AXP-ERR-001). Codes: spec/errors.json.
 *
 * What went wrong.
 */
public class Error {
    private OffsetDateTime at;
    private CategoryEnum category;
    private String code;
    private Details details;
    private String message;
    private String requestID;
    private boolean retryable;

    /**
     * When the error happened.
     */
    @JsonProperty("at")
    public OffsetDateTime getAt() { return at; }
    @JsonProperty("at")
    public void setAt(OffsetDateTime value) { this.at = value; }

    /**
     * The code's category from spec/errors.json.
     */
    @JsonProperty("category")
    public CategoryEnum getCategory() { return category; }
    @JsonProperty("category")
    public void setCategory(CategoryEnum value) { this.category = value; }

    /**
     * The error code from spec/errors.json; programs branch on it (AXP-ERR-004).
     */
    @JsonProperty("code")
    public String getCode() { return code; }
    @JsonProperty("code")
    public void setCode(String value) { this.code = value; }

    /**
     * Machine-readable facts about the error.
     */
    @JsonProperty("details")
    public Details getDetails() { return details; }
    @JsonProperty("details")
    public void setDetails(Details value) { this.details = value; }

    /**
     * What went wrong, for people; never contains credentials.
     */
    @JsonProperty("message")
    public String getMessage() { return message; }
    @JsonProperty("message")
    public void setMessage(String value) { this.message = value; }

    /**
     * The answer's x-request-id, to quote in a support request.
     */
    @JsonProperty("request_id")
    public String getRequestID() { return requestID; }
    @JsonProperty("request_id")
    public void setRequestID(String value) { this.requestID = value; }

    /**
     * The code's retryability from spec/errors.json: whether the same request may succeed later
     * (AXP-ERR-006).
     */
    @JsonProperty("retryable")
    public boolean getRetryable() { return retryable; }
    @JsonProperty("retryable")
    public void setRetryable(boolean value) { this.retryable = value; }
}
