package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Schema of vectors/json_text.json: raw JSON texts used as the payload of a create request,
 * which a platform must accept (valid) or refuse with 400 invalid_json (invalid). They live
 * as strings because several of them cannot be parsed into a JSON value at all
 * (AXP-API-019).
 */
public class JSONTextVectors {
    private String description;
    private InvalidElement[] invalid;
    private long maxAcceptedDepth;
    private long refusedBeyondDepth;
    private ValidElement[] valid;

    /**
     * What the file is, for people.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * Payload texts every platform refuses with 400 invalid_json.
     */
    @JsonProperty("invalid")
    public InvalidElement[] getInvalid() { return invalid; }
    @JsonProperty("invalid")
    public void setInvalid(InvalidElement[] value) { this.invalid = value; }

    /**
     * Every platform accepts request bodies nested this deep.
     */
    @JsonProperty("max_accepted_depth")
    public long getMaxAcceptedDepth() { return maxAcceptedDepth; }
    @JsonProperty("max_accepted_depth")
    public void setMaxAcceptedDepth(long value) { this.maxAcceptedDepth = value; }

    /**
     * Every platform refuses request bodies nested deeper than this.
     */
    @JsonProperty("refused_beyond_depth")
    public long getRefusedBeyondDepth() { return refusedBeyondDepth; }
    @JsonProperty("refused_beyond_depth")
    public void setRefusedBeyondDepth(long value) { this.refusedBeyondDepth = value; }

    /**
     * Payload texts every platform accepts.
     */
    @JsonProperty("valid")
    public ValidElement[] getValid() { return valid; }
    @JsonProperty("valid")
    public void setValid(ValidElement[] value) { this.valid = value; }
}
