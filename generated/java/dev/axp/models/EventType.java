package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

public enum EventType {
    INTENT_DELIVERED;

    @JsonValue
    public String toValue() {
        switch (this) {
            case INTENT_DELIVERED: return "intent.delivered";
        }
        return null;
    }

    @JsonCreator
    public static EventType forValue(String value) throws IOException {
        if (value.equals("intent.delivered")) return INTENT_DELIVERED;
        throw new IOException("Cannot deserialize EventType");
    }
}
