package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Schema of one schema-vector file under vectors/schemas/: valid and invalid example
 * messages for one AXP schema.
 */
public class VectorFile {
    private Invalid[] invalid;
    private String schema;
    private Valid[] valid;

    /**
     * Messages the schema refuses, each for one stated reason.
     */
    @JsonProperty("invalid")
    public Invalid[] getInvalid() { return invalid; }
    @JsonProperty("invalid")
    public void setInvalid(Invalid[] value) { this.invalid = value; }

    /**
     * The schema (file name without .json) the vectors are for.
     */
    @JsonProperty("schema")
    public String getSchema() { return schema; }
    @JsonProperty("schema")
    public void setSchema(String value) { this.schema = value; }

    /**
     * Messages the schema accepts.
     */
    @JsonProperty("valid")
    public Valid[] getValid() { return valid; }
    @JsonProperty("valid")
    public void setValid(Valid[] value) { this.valid = value; }
}
