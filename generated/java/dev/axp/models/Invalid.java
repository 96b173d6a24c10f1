package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class Invalid {
    private String description;
    private Object message;
    private String name;
    private String pointer;
    private String requirement;
    private String rule;

    /**
     * Why the message is invalid.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * The message.
     */
    @JsonProperty("message")
    public Object getMessage() { return message; }
    @JsonProperty("message")
    public void setMessage(Object value) { this.message = value; }

    /**
     * Short unique name of the vector.
     */
    @JsonProperty("name")
    public String getName() { return name; }
    @JsonProperty("name")
    public void setName(String value) { this.name = value; }

    /**
     * JSON pointer of the offending value (of the parent object for required /
     * additionalProperties).
     */
    @JsonProperty("pointer")
    public String getPointer() { return pointer; }
    @JsonProperty("pointer")
    public void setPointer(String value) { this.pointer = value; }

    /**
     * The requirement the message breaks, or null when only the schema states the rule.
     */
    @JsonProperty("requirement")
    public String getRequirement() { return requirement; }
    @JsonProperty("requirement")
    public void setRequirement(String value) { this.requirement = value; }

    /**
     * The JSON Schema keyword that fails.
     */
    @JsonProperty("rule")
    public String getRule() { return rule; }
    @JsonProperty("rule")
    public void setRule(String value) { this.rule = value; }
}
