package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class Failure {
    private String message;
    private String requirement;

    /**
     * How it was broken.
     */
    @JsonProperty("message")
    public String getMessage() { return message; }
    @JsonProperty("message")
    public void setMessage(String value) { this.message = value; }

    /**
     * The requirement ID broken.
     */
    @JsonProperty("requirement")
    public String getRequirement() { return requirement; }
    @JsonProperty("requirement")
    public void setRequirement(String value) { this.requirement = value; }
}
