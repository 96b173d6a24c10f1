package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One delivery record on an agent's stream or poll: an intent handed to its addressed
 * agent. seq is the per-agent delivery cursor, not the per-intent event seq.
 */
public class AgentDelivery {
    private OffsetDateTime at;
    private long deliverySeq;
    private EventType eventType;
    private Intent intent;
    private UUID intentID;
    private String intentType;
    private Map<String, Object> payload;
    private long seq;
    private Status status;

    /**
     * When the record was made (the intent's creation).
     */
    @JsonProperty("at")
    public OffsetDateTime getAt() { return at; }
    @JsonProperty("at")
    public void setAt(OffsetDateTime value) { this.at = value; }

    /**
     * The same cursor as seq, under a name that cannot be mistaken for an event seq
     * (AXP-DLV-007).
     */
    @JsonProperty("delivery_seq")
    public long getDeliverySeq() { return deliverySeq; }
    @JsonProperty("delivery_seq")
    public void setDeliverySeq(long value) { this.deliverySeq = value; }

    /**
     * Always intent.delivered: the frame hands an intent to its agent, whatever the intent's
     * status.
     */
    @JsonProperty("event_type")
    public EventType getEventType() { return eventType; }
    @JsonProperty("event_type")
    public void setEventType(EventType value) { this.eventType = value; }

    /**
     * The whole intent as GET /v1/intents/{intent_id} would answer it at read time.
     */
    @JsonProperty("intent")
    public Intent getIntent() { return intent; }
    @JsonProperty("intent")
    public void setIntent(Intent value) { this.intent = value; }

    /**
     * The intent handed over.
     */
    @JsonProperty("intent_id")
    public UUID getIntentID() { return intentID; }
    @JsonProperty("intent_id")
    public void setIntentID(UUID value) { this.intentID = value; }

    /**
     * Copy of intent.intent_type, for agents that route before reading the intent.
     */
    @JsonProperty("intent_type")
    public String getIntentType() { return intentType; }
    @JsonProperty("intent_type")
    public void setIntentType(String value) { this.intentType = value; }

    /**
     * Copy of intent.payload.
     */
    @JsonProperty("payload")
    public Map<String, Object> getPayload() { return payload; }
    @JsonProperty("payload")
    public void setPayload(Map<String, Object> value) { this.payload = value; }

    /**
     * The record's per-agent delivery cursor (not the intent's event seq); pass the last one
     * seen as since to resume (AXP-DLV-007).
     */
    @JsonProperty("seq")
    public long getSeq() { return seq; }
    @JsonProperty("seq")
    public void setSeq(long value) { this.seq = value; }

    /**
     * The intent's status when the record was read (the status filter applies to it,
     * AXP-DLV-014).
     */
    @JsonProperty("status")
    public Status getStatus() { return status; }
    @JsonProperty("status")
    public void setStatus(Status value) { this.status = value; }
}
