package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Schema of spec/capabilities.json, the capability vocabulary.
 */
public class CapabilityRegistry {
    private Capability[] capabilities;
    private String description;
    private Version protocolVersion;

    /**
     * Every capability name of the protocol.
     */
    @JsonProperty("capabilities")
    public Capability[] getCapabilities() { return capabilities; }
    @JsonProperty("capabilities")
    public void setCapabilities(Capability[] value) { this.capabilities = value; }

    /**
     * What the file is, for people.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * The protocol version the vocabulary belongs to: v1.
     */
    @JsonProperty("protocol_version")
    public Version getProtocolVersion() { return protocolVersion; }
    @JsonProperty("protocol_version")
    public void setProtocolVersion(Version value) { this.protocolVersion = value; }
}
