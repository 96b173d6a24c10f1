package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

/**
 * passed, failed, not_applicable (an unclaimed capability), not_covered (the check could
 * not run here: a restart check without --restart-cmd) or harness_error (the suite's side
 * failed).
 */
public enum CheckStatus {
    FAILED, HARNESS_ERROR, NOT_APPLICABLE, NOT_COVERED, PASSED;

    @JsonValue
    public String toValue() {
        switch (this) {
            case FAILED: return "failed";
            case HARNESS_ERROR: return "harness_error";
            case NOT_APPLICABLE: return "not_applicable";
            case NOT_COVERED: return "not_covered";
            case PASSED: return "passed";
        }
        return null;
    }

    @JsonCreator
    public static CheckStatus forValue(String value) throws IOException {
        if (value.equals("failed")) return FAILED;
        if (value.equals("harness_error")) return HARNESS_ERROR;
        if (value.equals("not_applicable")) return NOT_APPLICABLE;
        if (value.equals("not_covered")) return NOT_COVERED;
        if (value.equals("passed")) return PASSED;
        throw new IOException("Cannot deserialize CheckStatus");
    }
}
