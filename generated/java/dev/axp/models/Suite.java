package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

public enum Suite {
    AXP_CONFORMANCE;

    @JsonValue
    public String toValue() {
        switch (this) {
            case AXP_CONFORMANCE: return "axp-conformance";
        }
        return null;
    }

    @JsonCreator
    public static Suite forValue(String value) throws IOException {
        if (value.equals("axp-conformance")) return AXP_CONFORMANCE;
        throw new IOException("Cannot deserialize Suite");
    }
}
