package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of GET /v1/capabilities (AXP-CAP-001). Capability names: spec/capabilities.json.
 */
public class CapabilitiesResponse {
    private String[] capabilities;
    private Limits limits;
    private boolean ok;
    private Version protocolVersion;
    private String[] supportedIntentTypes;

    /**
     * Every core capability and every optional one the server implements fully (names from
     * spec/capabilities.json, or x- extensions).
     */
    @JsonProperty("capabilities")
    public String[] getCapabilities() { return capabilities; }
    @JsonProperty("capabilities")
    public void setCapabilities(String[] value) { this.capabilities = value; }

    /**
     * Limits the server enforces (AXP-CAP-004).
     */
    @JsonProperty("limits")
    public Limits getLimits() { return limits; }
    @JsonProperty("limits")
    public void setLimits(Limits value) { this.limits = value; }

    /**
     * Always true on a 200 answer.
     */
    @JsonProperty("ok")
    public boolean getOk() { return ok; }
    @JsonProperty("ok")
    public void setOk(boolean value) { this.ok = value; }

    /**
     * The protocol version the server speaks: v1.
     */
    @JsonProperty("protocol_version")
    public Version getProtocolVersion() { return protocolVersion; }
    @JsonProperty("protocol_version")
    public void setProtocolVersion(Version value) { this.protocolVersion = value; }

    /**
     * Intent types the server accepts; ["*"] means any well-formed type.
     */
    @JsonProperty("supported_intent_types")
    public String[] getSupportedIntentTypes() { return supportedIntentTypes; }
    @JsonProperty("supported_intent_types")
    public void setSupportedIntentTypes(String[] value) { this.supportedIntentTypes = value; }
}
