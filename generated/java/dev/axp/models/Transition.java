package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class Transition {
    private String from;
    private String[] to;

    /**
     * The status an intent is in.
     */
    @JsonProperty("from")
    public String getFrom() { return from; }
    @JsonProperty("from")
    public void setFrom(String value) { this.from = value; }

    /**
     * The statuses it may move to; empty for a terminal status.
     */
    @JsonProperty("to")
    public String[] getTo() { return to; }
    @JsonProperty("to")
    public void setTo(String[] value) { this.to = value; }
}
