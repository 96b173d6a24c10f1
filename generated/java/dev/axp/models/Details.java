package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Machine-readable facts about the error.
 */
public class Details {
    private ErrorElement[] errors;

    /**
     * Each problem found in the request (schema_invalid, task_result_invalid), AXP-ERR-005.
     */
    @JsonProperty("errors")
    public ErrorElement[] getErrors() { return errors; }
    @JsonProperty("errors")
    public void setErrors(ErrorElement[] value) { this.errors = value; }
}
