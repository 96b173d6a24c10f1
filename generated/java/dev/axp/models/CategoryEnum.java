package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

/**
 * The code's category from spec/errors.json.
 */
public enum CategoryEnum {
    AUTH, CONFLICT, INTERNAL, NOT_FOUND, POLICY, RATE_LIMIT, TIMEOUT, TRANSPORT, VALIDATION;

    @JsonValue
    public String toValue() {
        switch (this) {
            case AUTH: return "auth";
            case CONFLICT: return "conflict";
            case INTERNAL: return "internal";
            case NOT_FOUND: return "not_found";
            case POLICY: return "policy";
            case RATE_LIMIT: return "rate_limit";
            case TIMEOUT: return "timeout";
            case TRANSPORT: return "transport";
            case VALIDATION: return "validation";
        }
        return null;
    }

    @JsonCreator
    public static CategoryEnum forValue(String value) throws IOException {
        if (value.equals("auth")) return AUTH;
        if (value.equals("conflict")) return CONFLICT;
        if (value.equals("internal")) return INTERNAL;
        if (value.equals("not_found")) return NOT_FOUND;
        if (value.equals("policy")) return POLICY;
        if (value.equals("rate_limit")) return RATE_LIMIT;
        if (value.equals("timeout")) return TIMEOUT;
        if (value.equals("transport")) return TRANSPORT;
        if (value.equals("validation")) return VALIDATION;
        throw new IOException("Cannot deserialize CategoryEnum");
    }
}
