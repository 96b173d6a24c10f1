package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Schema of spec/errors.json, the error-code registry.
 */
public class ErrorRegistry {
    private CategoryElement[] categories;
    private Code[] codes;
    private String description;
    private Version protocolVersion;

    /**
     * The error categories and the HTTP statuses each may use.
     */
    @JsonProperty("categories")
    public CategoryElement[] getCategories() { return categories; }
    @JsonProperty("categories")
    public void setCategories(CategoryElement[] value) { this.categories = value; }

    /**
     * Every error code of the protocol.
     */
    @JsonProperty("codes")
    public Code[] getCodes() { return codes; }
    @JsonProperty("codes")
    public void setCodes(Code[] value) { this.codes = value; }

    /**
     * What the file is, for people.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * The protocol version the registry belongs to: v1.
     */
    @JsonProperty("protocol_version")
    public Version getProtocolVersion() { return protocolVersion; }
    @JsonProperty("protocol_version")
    public void setProtocolVersion(Version value) { this.protocolVersion = value; }
}
