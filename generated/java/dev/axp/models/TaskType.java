package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.annotation.*;

/**
 * The kind of task, for the tool that shows it; default approval.
 */
public enum TaskType {
    APPROVAL, ASSIGNMENT, ATTACH_FILE, CLARIFICATION, CONFIRMATION, DELEGATION, ESCALATE, MANUAL_ACTION, OVERRIDE, PROVIDE_DATA, REROUTE, REVIEW, VALIDATE_OUTPUT, VALIDATE_REAL_WORLD;

    @JsonValue
    public String toValue() {
        switch (this) {
            case APPROVAL: return "approval";
            case ASSIGNMENT: return "assignment";
            case ATTACH_FILE: return "attach_file";
            case CLARIFICATION: return "clarification";
            case CONFIRMATION: return "confirmation";
            case DELEGATION: return "delegation";
            case ESCALATE: return "escalate";
            case MANUAL_ACTION: return "manual_action";
            case OVERRIDE: return "override";
            case PROVIDE_DATA: return "provide_data";
            case REROUTE: return "reroute";
            case REVIEW: return "review";
            case VALIDATE_OUTPUT: return "validate_output";
            case VALIDATE_REAL_WORLD: return "validate_real_world";
        }
        return null;
    }

    @JsonCreator
    public static TaskType forValue(String value) throws IOException {
        if (value.equals("approval")) return APPROVAL;
        if (value.equals("assignment")) return ASSIGNMENT;
        if (value.equals("attach_file")) return ATTACH_FILE;
        if (value.equals("clarification")) return CLARIFICATION;
        if (value.equals("confirmation")) return CONFIRMATION;
        if (value.equals("delegation")) return DELEGATION;
        if (value.equals("escalate")) return ESCALATE;
        if (value.equals("manual_action")) return MANUAL_ACTION;
        if (value.equals("override")) return OVERRIDE;
        if (value.equals("provide_data")) return PROVIDE_DATA;
        if (value.equals("reroute")) return REROUTE;
        if (value.equals("review")) return REVIEW;
        if (value.equals("validate_output")) return VALIDATE_OUTPUT;
        if (value.equals("validate_real_world")) return VALIDATE_REAL_WORLD;
        throw new IOException("Cannot deserialize TaskType");
    }
}
