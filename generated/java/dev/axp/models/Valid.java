package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class Valid {
    private String description;
    private Object message;
    private String name;

    /**
     * What the message shows.
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
}
