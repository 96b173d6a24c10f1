package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class StatusElement {
    private String description;
    private String eventType;
    private String name;
    private boolean terminal;

    /**
     * What the status means.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * The event type of the event that enters this status.
     */
    @JsonProperty("event_type")
    public String getEventType() { return eventType; }
    @JsonProperty("event_type")
    public void setEventType(String value) { this.eventType = value; }

    /**
     * The status name.
     */
    @JsonProperty("name")
    public String getName() { return name; }
    @JsonProperty("name")
    public void setName(String value) { this.name = value; }

    /**
     * Whether the status ends the intent for good (AXP-LC-003).
     */
    @JsonProperty("terminal")
    public boolean getTerminal() { return terminal; }
    @JsonProperty("terminal")
    public void setTerminal(boolean value) { this.terminal = value; }
}
