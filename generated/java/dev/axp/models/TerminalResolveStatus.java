package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

/**
 * The terminal status to write: COMPLETED, FAILED or CANCELED (TIMED_OUT is the platform's,
 * AXP-LC-012).
 *
 * A terminal status a client may write with resolve (TIMED_OUT is written only by the
 * server).
 */
public enum TerminalResolveStatus {
    CANCELED, COMPLETED, FAILED;

    @JsonValue
    public String toValue() {
        switch (this) {
            case CANCELED: return "CANCELED";
            case COMPLETED: return "COMPLETED";
            case FAILED: return "FAILED";
        }
        return null;
    }

    @JsonCreator
    public static TerminalResolveStatus forValue(String value) throws IOException {
        if (value.equals("CANCELED")) return CANCELED;
        if (value.equals("COMPLETED")) return COMPLETED;
        if (value.equals("FAILED")) return FAILED;
        throw new IOException("Cannot deserialize TerminalResolveStatus");
    }
}
