package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class Capability {
    private boolean core;
    private String description;
    private String name;

    /**
     * true when every server must implement it; false for an optional capability.
     */
    @JsonProperty("core")
    public boolean getCore() { return core; }
    @JsonProperty("core")
    public void setCore(boolean value) { this.core = value; }

    /**
     * What claiming the capability promises.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * The capability name a server lists in GET /v1/capabilities.
     */
    @JsonProperty("name")
    public String getName() { return name; }
    @JsonProperty("name")
    public void setName(String value) { this.name = value; }
}
