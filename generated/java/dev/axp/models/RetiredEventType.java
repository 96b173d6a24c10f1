package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class RetiredEventType {
    private Object eventType;
    private Object replacedBy;
    private Object reason;

    @JsonProperty("event_type")
    public Object getEventType() { return eventType; }
    @JsonProperty("event_type")
    public void setEventType(Object value) { this.eventType = value; }

    @JsonProperty("replaced_by")
    public Object getReplacedBy() { return replacedBy; }
    @JsonProperty("replaced_by")
    public void setReplacedBy(Object value) { this.replacedBy = value; }

    @JsonProperty("reason")
    public Object getReason() { return reason; }
    @JsonProperty("reason")
    public void setReason(Object value) { this.reason = value; }
}
