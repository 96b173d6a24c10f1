package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

/**
 * Its level.
 */
public enum Level {
    MAY, MUST, MUST_NOT, SHOULD, SHOULD_NOT;

    @JsonValue
    public String toValue() {
        switch (this) {
            case MAY: return "MAY";
            case MUST: return "MUST";
            case MUST_NOT: return "MUST NOT";
            case SHOULD: return "SHOULD";
            case SHOULD_NOT: return "SHOULD NOT";
        }
        return null;
    }

    @JsonCreator
    public static Level forValue(String value) throws IOException {
        if (value.equals("MAY")) return MAY;
        if (value.equals("MUST")) return MUST;
        if (value.equals("MUST NOT")) return MUST_NOT;
        if (value.equals("SHOULD")) return SHOULD;
        if (value.equals("SHOULD NOT")) return SHOULD_NOT;
        throw new IOException("Cannot deserialize Level");
    }
}
