package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

/**
 * What a WAITING intent waits on (spec/lifecycle.json waiting_reasons).
 *
 * What the intent waits on; required with action wait.
 */
public enum WaitingReason {
    WAITING_FOR_AGENT, WAITING_FOR_HUMAN, WAITING_FOR_TIME, WAITING_FOR_TOOL;

    @JsonValue
    public String toValue() {
        switch (this) {
            case WAITING_FOR_AGENT: return "WAITING_FOR_AGENT";
            case WAITING_FOR_HUMAN: return "WAITING_FOR_HUMAN";
            case WAITING_FOR_TIME: return "WAITING_FOR_TIME";
            case WAITING_FOR_TOOL: return "WAITING_FOR_TOOL";
        }
        return null;
    }

    @JsonCreator
    public static WaitingReason forValue(String value) throws IOException {
        if (value.equals("WAITING_FOR_AGENT")) return WAITING_FOR_AGENT;
        if (value.equals("WAITING_FOR_HUMAN")) return WAITING_FOR_HUMAN;
        if (value.equals("WAITING_FOR_TIME")) return WAITING_FOR_TIME;
        if (value.equals("WAITING_FOR_TOOL")) return WAITING_FOR_TOOL;
        throw new IOException("Cannot deserialize WaitingReason");
    }
}
