package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

/**
 * The same value as status, for clients that read this name (AXP-API-002).
 *
 * A lifecycle status (spec/lifecycle.json).
 *
 * The current status: the status of the last event (AXP-LC-008).
 *
 * The intent's status when the record was read (the status filter applies to it,
 * AXP-DLV-014).
 *
 * The intent's status after the create's own events: SUBMITTED, or WAITING for a human task
 * (AXP-API-021).
 *
 * The intent's status after the event; annotation events repeat the current one
 * (AXP-LC-007).
 *
 * Its status after the last event seen.
 */
public enum Status {
    ACKNOWLEDGED, CANCELED, COMPLETED, CREATED, DELIVERED, FAILED, IN_PROGRESS, SUBMITTED, TIMED_OUT, WAITING;

    @JsonValue
    public String toValue() {
        switch (this) {
            case ACKNOWLEDGED: return "ACKNOWLEDGED";
            case CANCELED: return "CANCELED";
            case COMPLETED: return "COMPLETED";
            case CREATED: return "CREATED";
            case DELIVERED: return "DELIVERED";
            case FAILED: return "FAILED";
            case IN_PROGRESS: return "IN_PROGRESS";
            case SUBMITTED: return "SUBMITTED";
            case TIMED_OUT: return "TIMED_OUT";
            case WAITING: return "WAITING";
        }
        return null;
    }

    @JsonCreator
    public static Status forValue(String value) throws IOException {
        if (value.equals("ACKNOWLEDGED")) return ACKNOWLEDGED;
        if (value.equals("CANCELED")) return CANCELED;
        if (value.equals("COMPLETED")) return COMPLETED;
        if (value.equals("CREATED")) return CREATED;
        if (value.equals("DELIVERED")) return DELIVERED;
        if (value.equals("FAILED")) return FAILED;
        if (value.equals("IN_PROGRESS")) return IN_PROGRESS;
        if (value.equals("SUBMITTED")) return SUBMITTED;
        if (value.equals("TIMED_OUT")) return TIMED_OUT;
        if (value.equals("WAITING")) return WAITING;
        throw new IOException("Cannot deserialize Status");
    }
}
