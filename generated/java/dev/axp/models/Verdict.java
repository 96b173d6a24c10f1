package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

/**
 * passed; failed (a MUST a failure names); warning (a SHOULD/MAY a failure names);
 * not_reached (its checks stopped at another requirement's failure first); not_applicable
 * (an optional capability the server does not claim, or a rule for clients); not_covered
 * (nothing in this run could observe it: message says why); not_selected (left out by
 * --only/--skip/--level).
 */
public enum Verdict {
    FAILED, NOT_APPLICABLE, NOT_COVERED, NOT_REACHED, NOT_SELECTED, PASSED, WARNING;

    @JsonValue
    public String toValue() {
        switch (this) {
            case FAILED: return "failed";
            case NOT_APPLICABLE: return "not_applicable";
            case NOT_COVERED: return "not_covered";
            case NOT_REACHED: return "not_reached";
            case NOT_SELECTED: return "not_selected";
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
        if (value.equals("not_reached")) return NOT_REACHED;
        if (value.equals("not_selected")) return NOT_SELECTED;
        if (value.equals("passed")) return PASSED;
        if (value.equals("warning")) return WARNING;
        throw new IOException("Cannot deserialize Verdict");
    }
}
