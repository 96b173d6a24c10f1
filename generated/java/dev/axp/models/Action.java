package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

/**
 * What the agent reports: start (IN_PROGRESS), wait (WAITING), complete (COMPLETED) or fail
 * (FAILED), AXP-API-015.
 */
public enum Action {
    COMPLETE, FAIL, START, WAIT;

    @JsonValue
    public String toValue() {
        switch (this) {
            case COMPLETE: return "complete";
            case FAIL: return "fail";
            case START: return "start";
            case WAIT: return "wait";
        }
        return null;
    }

    @JsonCreator
    public static Action forValue(String value) throws IOException {
        if (value.equals("complete")) return COMPLETE;
        if (value.equals("fail")) return FAIL;
        if (value.equals("start")) return START;
        if (value.equals("wait")) return WAIT;
        throw new IOException("Cannot deserialize Action");
    }
}
