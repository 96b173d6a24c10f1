package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

public enum Version {
    V1;

    @JsonValue
    public String toValue() {
        switch (this) {
            case V1: return "v1";
        }
        return null;
    }

    @JsonCreator
    public static Version forValue(String value) throws IOException {
        if (value.equals("v1")) return V1;
        throw new IOException("Cannot deserialize Version");
    }
}
