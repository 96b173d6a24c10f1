package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Body of POST /v1/intents.
 */
public class CreateIntentRequest {
    private UUID correlationID;
    private OffsetDateTime deadlineAt;
    private String escalateTo;
    private String fromAgent;
    private HumanTask humanTask;
    private String intentType;
    private Long maxDeliveryAttempts;
    private Long maxReminders;
    private Map<String, String> metadata;
    private Map<String, Object> payload;
    private Long remindAfterSeconds;
    private Long remindIntervalSeconds;
    private String replyTo;
    private String toAgent;

    /**
     * The workflow this intent belongs to; keep it across retries and related intents
     * (AXP-COR-002).
     */
    @JsonProperty("correlation_id")
    public UUID getCorrelationID() { return correlationID; }
    @JsonProperty("correlation_id")
    public void setCorrelationID(UUID value) { this.correlationID = value; }

    /**
     * When the intent times out if it has not ended (AXP-TMR-004).
     */
    @JsonProperty("deadline_at")
    public OffsetDateTime getDeadlineAt() { return deadlineAt; }
    @JsonProperty("deadline_at")
    public void setDeadlineAt(OffsetDateTime value) { this.deadlineAt = value; }

    /**
     * Who is named in the intent.escalated event after the last reminder (AXP-TMR-002).
     */
    @JsonProperty("escalate_to")
    public String getEscalateTo() { return escalateTo; }
    @JsonProperty("escalate_to")
    public void setEscalateTo(String value) { this.escalateTo = value; }

    /**
     * Deprecated: ignored; the server derives the sender from the credential.
     */
    @JsonProperty("from_agent")
    public String getFromAgent() { return fromAgent; }
    @JsonProperty("from_agent")
    public void setFromAgent(String value) { this.fromAgent = value; }

    /**
     * Makes the intent a task for a person: it waits WAITING_FOR_HUMAN for a task_result
     * (AXP-HT-001).
     */
    @JsonProperty("human_task")
    public HumanTask getHumanTask() { return humanTask; }
    @JsonProperty("human_task")
    public void setHumanTask(HumanTask value) { this.humanTask = value; }

    /**
     * What kind of work this is, with its version, e.g. order.fulfill.v1 (AXP-ID-002).
     */
    @JsonProperty("intent_type")
    public String getIntentType() { return intentType; }
    @JsonProperty("intent_type")
    public void setIntentType(String value) { this.intentType = value; }

    /**
     * Failed push attempts after which the intent fails with delivery_failed; default 3
     * (AXP-DLV-004).
     */
    @JsonProperty("max_delivery_attempts")
    public Long getMaxDeliveryAttempts() { return maxDeliveryAttempts; }
    @JsonProperty("max_delivery_attempts")
    public void setMaxDeliveryAttempts(Long value) { this.maxDeliveryAttempts = value; }

    /**
     * How many reminders at most; default 3.
     */
    @JsonProperty("max_reminders")
    public Long getMaxReminders() { return maxReminders; }
    @JsonProperty("max_reminders")
    public void setMaxReminders(Long value) { this.maxReminders = value; }

    /**
     * String hints for routing and tracing; they never change the platform's behaviour
     * (AXP-ENV-004).
     */
    @JsonProperty("metadata")
    public Map<String, String> getMetadata() { return metadata; }
    @JsonProperty("metadata")
    public void setMetadata(Map<String, String> value) { this.metadata = value; }

    /**
     * The work itself; its meaning is defined by intent_type (AXP-ENV-003).
     */
    @JsonProperty("payload")
    public Map<String, Object> getPayload() { return payload; }
    @JsonProperty("payload")
    public void setPayload(Map<String, Object> value) { this.payload = value; }

    /**
     * Seconds after creation before the first intent.reminder (AXP-TMR-001).
     */
    @JsonProperty("remind_after_seconds")
    public Long getRemindAfterSeconds() { return remindAfterSeconds; }
    @JsonProperty("remind_after_seconds")
    public void setRemindAfterSeconds(Long value) { this.remindAfterSeconds = value; }

    /**
     * Seconds between later reminders; default remind_after_seconds.
     */
    @JsonProperty("remind_interval_seconds")
    public Long getRemindIntervalSeconds() { return remindIntervalSeconds; }
    @JsonProperty("remind_interval_seconds")
    public void setRemindIntervalSeconds(Long value) { this.remindIntervalSeconds = value; }

    /**
     * An agent to tell about the outcome, when it is not the sender.
     */
    @JsonProperty("reply_to")
    public String getReplyTo() { return replyTo; }
    @JsonProperty("reply_to")
    public void setReplyTo(String value) { this.replyTo = value; }

    /**
     * The agent that should do the work (AXP-ID-001).
     */
    @JsonProperty("to_agent")
    public String getToAgent() { return toAgent; }
    @JsonProperty("to_agent")
    public void setToAgent(String value) { this.toAgent = value; }
}
