package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

/**
 * What the run showed about it.
 */
public enum Verdict {
    FAILED, NOT_APPLICABLE, NOT_COVERED, PASSED, WARNING;

    @JsonValue
    public String toValue() {
        switch (this) {
            case FAILED: return "failed";
            case NOT_APPLICABLE: return "not_applicable";
            case NOT_COVERED: return "not_covered";
            case PASSED: return "passed";
            case WARNING: return "warning";
        }
        return null;
    }

    @JsonCreator
    public static Verdict forValue(String value) throws IOException {
        if (value.equals("failed")) return FAILED;
        if (value.equals("not_applicable")) return NOT_APPLICABLE;
        if (value.equals("not_covered")) return NOT_COVERED;
        if (value.equals("passed")) return PASSED;
        if (value.equals("warning")) return WARNING;
        throw new IOException("Cannot deserialize Verdict");
    }
}
