package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * One payload text and what it shows.
 */
public class ValidElement {
    private String description;
    private String name;
    private String payloadText;
    private String requirement;

    /**
     * What the payload shows.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * Short unique name of the vector.
     */
    @JsonProperty("name")
    public String getName() { return name; }
    @JsonProperty("name")
    public void setName(String value) { this.name = value; }

    /**
     * The raw JSON text placed as the value of `payload`.
     */
    @JsonProperty("payload_text")
    public String getPayloadText() { return payloadText; }
    @JsonProperty("payload_text")
    public void setPayloadText(String value) { this.payloadText = value; }

    /**
     * The requirement the vector tests.
     */
    @JsonProperty("requirement")
    public String getRequirement() { return requirement; }
    @JsonProperty("requirement")
    public void setRequirement(String value) { this.requirement = value; }
}
