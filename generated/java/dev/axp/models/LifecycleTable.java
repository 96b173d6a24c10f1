package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Schema of spec/lifecycle.json, the lifecycle state machine as data.
 */
public class LifecycleTable {
    private AnnotationEvent[] annotationEvents;
    private String description;
    private String initialStatus;
    private Version protocolVersion;
    private RetiredEventType[] retiredEventTypes;
    private StatusElement[] statuses;
    private Transition[] transitions;
    private WaitingReasonElement[] waitingReasons;
    private String waitingStatus;

    /**
     * Event types that record something without changing the status (AXP-LC-007).
     */
    @JsonProperty("annotation_events")
    public AnnotationEvent[] getAnnotationEvents() { return annotationEvents; }
    @JsonProperty("annotation_events")
    public void setAnnotationEvents(AnnotationEvent[] value) { this.annotationEvents = value; }

    /**
     * What the file is, for people.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * The status every intent starts in.
     */
    @JsonProperty("initial_status")
    public String getInitialStatus() { return initialStatus; }
    @JsonProperty("initial_status")
    public void setInitialStatus(String value) { this.initialStatus = value; }

    /**
     * The protocol version the table belongs to: v1.
     */
    @JsonProperty("protocol_version")
    public Version getProtocolVersion() { return protocolVersion; }
    @JsonProperty("protocol_version")
    public void setProtocolVersion(Version value) { this.protocolVersion = value; }

    /**
     * Event type names that are invalid in v1, and what replaces them.
     */
    @JsonProperty("retired_event_types")
    public RetiredEventType[] getRetiredEventTypes() { return retiredEventTypes; }
    @JsonProperty("retired_event_types")
    public void setRetiredEventTypes(RetiredEventType[] value) { this.retiredEventTypes = value; }

    /**
     * Every status, whether it is terminal, and the event type that enters it.
     */
    @JsonProperty("statuses")
    public StatusElement[] getStatuses() { return statuses; }
    @JsonProperty("statuses")
    public void setStatuses(StatusElement[] value) { this.statuses = value; }

    /**
     * For each status, the statuses it may move to; nothing else is legal (AXP-LC-002).
     */
    @JsonProperty("transitions")
    public Transition[] getTransitions() { return transitions; }
    @JsonProperty("transitions")
    public void setTransitions(Transition[] value) { this.transitions = value; }

    /**
     * What a WAITING intent may wait on.
     */
    @JsonProperty("waiting_reasons")
    public WaitingReasonElement[] getWaitingReasons() { return waitingReasons; }
    @JsonProperty("waiting_reasons")
    public void setWaitingReasons(WaitingReasonElement[] value) { this.waitingReasons = value; }

    /**
     * The status that needs a waiting_reason.
     */
    @JsonProperty("waiting_status")
    public String getWaitingStatus() { return waitingStatus; }
    @JsonProperty("waiting_status")
    public void setWaitingStatus(String value) { this.waitingStatus = value; }
}
