package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The intent in its canonical envelope form.
 *
 * The canonical, self-contained form of an intent message: what a push delivery carries and
 * what fixtures store (AXP-ENV-001).
 */
public class IntentEnvelope {
    private UUID correlationID;
    private OffsetDateTime createdAt;
    private OffsetDateTime deadlineAt;
    private String fromAgent;
    private HumanTask humanTask;
    private String idempotencyKey;
    private UUID intentID;
    private String intentType;
    private Map<String, String> metadata;
    private Map<String, Object> payload;
    private String replyTo;
    private String toAgent;
    private Version version;

    /**
     * The workflow the intent belongs to.
     */
    @JsonProperty("correlation_id")
    public UUID getCorrelationID() { return correlationID; }
    @JsonProperty("correlation_id")
    public void setCorrelationID(UUID value) { this.correlationID = value; }

    /**
     * When the platform accepted the intent.
     */
    @JsonProperty("created_at")
    public OffsetDateTime getCreatedAt() { return createdAt; }
    @JsonProperty("created_at")
    public void setCreatedAt(OffsetDateTime value) { this.createdAt = value; }

    /**
     * When the intent times out if it has not ended.
     */
    @JsonProperty("deadline_at")
    public OffsetDateTime getDeadlineAt() { return deadlineAt; }
    @JsonProperty("deadline_at")
    public void setDeadlineAt(OffsetDateTime value) { this.deadlineAt = value; }

    /**
     * The sender, derived from its credential (AXP-ENV-005).
     */
    @JsonProperty("from_agent")
    public String getFromAgent() { return fromAgent; }
    @JsonProperty("from_agent")
    public void setFromAgent(String value) { this.fromAgent = value; }

    /**
     * The task for a person, when the intent is one.
     */
    @JsonProperty("human_task")
    public HumanTask getHumanTask() { return humanTask; }
    @JsonProperty("human_task")
    public void setHumanTask(HumanTask value) { this.humanTask = value; }

    /**
     * The Idempotency-Key the intent was created with, if any.
     */
    @JsonProperty("idempotency_key")
    public String getIdempotencyKey() { return idempotencyKey; }
    @JsonProperty("idempotency_key")
    public void setIdempotencyKey(String value) { this.idempotencyKey = value; }

    /**
     * The intent's id, assigned by the platform.
     */
    @JsonProperty("intent_id")
    public UUID getIntentID() { return intentID; }
    @JsonProperty("intent_id")
    public void setIntentID(UUID value) { this.intentID = value; }

    /**
     * What kind of work this is, with its version (AXP-ID-002).
     */
    @JsonProperty("intent_type")
    public String getIntentType() { return intentType; }
    @JsonProperty("intent_type")
    public void setIntentType(String value) { this.intentType = value; }

    /**
     * String hints for routing and tracing.
     */
    @JsonProperty("metadata")
    public Map<String, String> getMetadata() { return metadata; }
    @JsonProperty("metadata")
    public void setMetadata(Map<String, String> value) { this.metadata = value; }

    /**
     * The work itself; its meaning is defined by intent_type.
     */
    @JsonProperty("payload")
    public Map<String, Object> getPayload() { return payload; }
    @JsonProperty("payload")
    public void setPayload(Map<String, Object> value) { this.payload = value; }

    /**
     * An agent to tell about the outcome, when it is not the sender.
     */
    @JsonProperty("reply_to")
    public String getReplyTo() { return replyTo; }
    @JsonProperty("reply_to")
    public void setReplyTo(String value) { this.replyTo = value; }

    /**
     * The agent the intent is addressed to.
     */
    @JsonProperty("to_agent")
    public String getToAgent() { return toAgent; }
    @JsonProperty("to_agent")
    public void setToAgent(String value) { this.toAgent = value; }

    /**
     * The envelope version: v1.
     */
    @JsonProperty("version")
    public Version getVersion() { return version; }
    @JsonProperty("version")
    public void setVersion(Version value) { this.version = value; }
}
