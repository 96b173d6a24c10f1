package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class AnnotationEvent {
    private String description;
    private String eventType;

    /**
     * What it records.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * The annotation event type.
     */
    @JsonProperty("event_type")
    public String getEventType() { return eventType; }
    @JsonProperty("event_type")
    public void setEventType(String value) { this.eventType = value; }
}
