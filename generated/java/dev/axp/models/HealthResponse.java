package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of GET /health.
 */
public class HealthResponse {
    private boolean ok;
    private String version;

    /**
     * Always true on a 200 answer: the server is up.
     */
    @JsonProperty("ok")
    public boolean getOk() { return ok; }
    @JsonProperty("ok")
    public void setOk(boolean value) { this.ok = value; }

    /**
     * The server software's version.
     */
    @JsonProperty("version")
    public String getVersion() { return version; }
    @JsonProperty("version")
    public void setVersion(String value) { this.version = value; }
}
