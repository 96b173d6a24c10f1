package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class WaitingReasonElement {
    private String description;
    private String name;

    /**
     * What the intent waits on.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * The waiting reason.
     */
    @JsonProperty("name")
    public String getName() { return name; }
    @JsonProperty("name")
    public void setName(String value) { this.name = value; }
}
