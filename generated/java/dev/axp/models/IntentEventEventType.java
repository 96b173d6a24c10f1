package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

/**
 * What happened; for a status change, the event type the lifecycle table gives the status
 * entered (AXP-EV-003).
 *
 * An event type (spec/lifecycle.json).
 */
public enum IntentEventEventType {
    INTENT_ACKNOWLEDGED, INTENT_CANCELED, INTENT_COMPLETED, INTENT_CREATED, INTENT_DELIVERED, INTENT_DELIVERY_FAILED, INTENT_ESCALATED, INTENT_FAILED, INTENT_HUMAN_TASK_ASSIGNED, INTENT_IN_PROGRESS, INTENT_REMINDER, INTENT_SUBMITTED, INTENT_TIMED_OUT, INTENT_TRANSFER, INTENT_WAITING;

    @JsonValue
    public String toValue() {
        switch (this) {
            case INTENT_ACKNOWLEDGED: return "intent.acknowledged";
            case INTENT_CANCELED: return "intent.canceled";
            case INTENT_COMPLETED: return "intent.completed";
            case INTENT_CREATED: return "intent.created";
            case INTENT_DELIVERED: return "intent.delivered";
            case INTENT_DELIVERY_FAILED: return "intent.delivery_failed";
            case INTENT_ESCALATED: return "intent.escalated";
            case INTENT_FAILED: return "intent.failed";
            case INTENT_HUMAN_TASK_ASSIGNED: return "intent.human_task_assigned";
            case INTENT_IN_PROGRESS: return "intent.in_progress";
            case INTENT_REMINDER: return "intent.reminder";
            case INTENT_SUBMITTED: return "intent.submitted";
            case INTENT_TIMED_OUT: return "intent.timed_out";
            case INTENT_TRANSFER: return "intent.transfer";
            case INTENT_WAITING: return "intent.waiting";
        }
        return null;
    }

    @JsonCreator
    public static IntentEventEventType forValue(String value) throws IOException {
        if (value.equals("intent.acknowledged")) return INTENT_ACKNOWLEDGED;
        if (value.equals("intent.canceled")) return INTENT_CANCELED;
        if (value.equals("intent.completed")) return INTENT_COMPLETED;
        if (value.equals("intent.created")) return INTENT_CREATED;
        if (value.equals("intent.delivered")) return INTENT_DELIVERED;
        if (value.equals("intent.delivery_failed")) return INTENT_DELIVERY_FAILED;
        if (value.equals("intent.escalated")) return INTENT_ESCALATED;
        if (value.equals("intent.failed")) return INTENT_FAILED;
        if (value.equals("intent.human_task_assigned")) return INTENT_HUMAN_TASK_ASSIGNED;
        if (value.equals("intent.in_progress")) return INTENT_IN_PROGRESS;
        if (value.equals("intent.reminder")) return INTENT_REMINDER;
        if (value.equals("intent.submitted")) return INTENT_SUBMITTED;
        if (value.equals("intent.timed_out")) return INTENT_TIMED_OUT;
        if (value.equals("intent.transfer")) return INTENT_TRANSFER;
        if (value.equals("intent.waiting")) return INTENT_WAITING;
        throw new IOException("Cannot deserialize IntentEventEventType");
    }
}
