package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class ErrorElement {
    private String message;
    private String pointer;
    private String requirement;
    private String rule;

    /**
     * What is wrong there, for people.
     */
    @JsonProperty("message")
    public String getMessage() { return message; }
    @JsonProperty("message")
    public void setMessage(String value) { this.message = value; }

    /**
     * RFC 6901 JSON pointer to the offending value in the request body; "" for the whole body.
     */
    @JsonProperty("pointer")
    public String getPointer() { return pointer; }
    @JsonProperty("pointer")
    public void setPointer(String value) { this.pointer = value; }

    /**
     * The requirement ID broken, when one is known.
     */
    @JsonProperty("requirement")
    public String getRequirement() { return requirement; }
    @JsonProperty("requirement")
    public void setRequirement(String value) { this.requirement = value; }

    /**
     * The schema keyword or rule broken, e.g. required, pattern, allowed_outcomes.
     */
    @JsonProperty("rule")
    public String getRule() { return rule; }
    @JsonProperty("rule")
    public void setRule(String value) { this.rule = value; }
}
