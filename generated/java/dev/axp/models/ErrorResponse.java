package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of every non-2xx JSON response.
 */
public class ErrorResponse {
    private Error error;
    private boolean ok;

    /**
     * What went wrong.
     */
    @JsonProperty("error")
    public Error getError() { return error; }
    @JsonProperty("error")
    public void setError(Error value) { this.error = value; }

    /**
     * Always false on an error answer.
     */
    @JsonProperty("ok")
    public boolean getOk() { return ok; }
    @JsonProperty("ok")
    public void setOk(boolean value) { this.ok = value; }
}
