package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The whole intent as GET /v1/intents/{intent_id} would answer it at read time.
 *
 * The intent resource as the server returns it. Unknown extra fields are allowed (clients
 * ignore them, AXP-VER-001).
 *
 * The intent after the patch.
 *
 * The intent as it is now.
 *
 * The intent after the write.
 */
public class Intent {
    private UUID correlationID;
    private OffsetDateTime createdAt;
    private OffsetDateTime deadlineAt;
    private Long deliveryAttempt;
    private ErrorDetail error;
    private String escalateTo;
    private String fromAgent;
    private String handler;
    private HumanTask humanTask;
    private UUID intentID;
    private String intentType;
    private long lastSeq;
    private Status lifecycleStatus;
    private Long maxDeliveryAttempts;
    private Long maxReminders;
    private Map<String, String> metadata;
    private Map<String, Object> payload;
    private Long policyGeneration;
    private Long remindAfterSeconds;
    private Long remindCount;
    private Long remindIntervalSeconds;
    private String replyTo;
    private Map<String, Object> result;
    private Status status;
    private String toAgent;
    private OffsetDateTime updatedAt;
    private WaitingReason waitingReason;

    /**
     * The workflow the intent belongs to, as the client gave it (AXP-COR-001).
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
     * When the intent times out if it has not ended; null for none.
     */
    @JsonProperty("deadline_at")
    public OffsetDateTime getDeadlineAt() { return deadlineAt; }
    @JsonProperty("deadline_at")
    public void setDeadlineAt(OffsetDateTime value) { this.deadlineAt = value; }

    /**
     * How many push attempts have been made.
     */
    @JsonProperty("delivery_attempt")
    public Long getDeliveryAttempt() { return deliveryAttempt; }
    @JsonProperty("delivery_attempt")
    public void setDeliveryAttempt(Long value) { this.deliveryAttempt = value; }

    /**
     * Why a FAILED or TIMED_OUT intent ended; null before.
     */
    @JsonProperty("error")
    public ErrorDetail getError() { return error; }
    @JsonProperty("error")
    public void setError(ErrorDetail value) { this.error = value; }

    /**
     * Who is named in intent.escalated after the last reminder.
     */
    @JsonProperty("escalate_to")
    public String getEscalateTo() { return escalateTo; }
    @JsonProperty("escalate_to")
    public void setEscalateTo(String value) { this.escalateTo = value; }

    /**
     * The sender, derived from its credential (AXP-ENV-005).
     */
    @JsonProperty("from_agent")
    public String getFromAgent() { return fromAgent; }
    @JsonProperty("from_agent")
    public void setFromAgent(String value) { this.fromAgent = value; }

    /**
     * Who handles the intent after a transfer; null until one happens (AXP-LC-013).
     */
    @JsonProperty("handler")
    public String getHandler() { return handler; }
    @JsonProperty("handler")
    public void setHandler(String value) { this.handler = value; }

    /**
     * The task for a person, when the intent is one.
     */
    @JsonProperty("human_task")
    public HumanTask getHumanTask() { return humanTask; }
    @JsonProperty("human_task")
    public void setHumanTask(HumanTask value) { this.humanTask = value; }

    /**
     * The intent's id, assigned by the platform (AXP-ID-004).
     */
    @JsonProperty("intent_id")
    public UUID getIntentID() { return intentID; }
    @JsonProperty("intent_id")
    public void setIntentID(UUID value) { this.intentID = value; }

    /**
     * What kind of work this is, with its version.
     */
    @JsonProperty("intent_type")
    public String getIntentType() { return intentType; }
    @JsonProperty("intent_type")
    public void setIntentType(String value) { this.intentType = value; }

    /**
     * The seq of the intent's last event.
     */
    @JsonProperty("last_seq")
    public long getLastSeq() { return lastSeq; }
    @JsonProperty("last_seq")
    public void setLastSeq(long value) { this.lastSeq = value; }

    /**
     * The same value as status, for clients that read this name (AXP-API-002).
     */
    @JsonProperty("lifecycle_status")
    public Status getLifecycleStatus() { return lifecycleStatus; }
    @JsonProperty("lifecycle_status")
    public void setLifecycleStatus(Status value) { this.lifecycleStatus = value; }

    /**
     * Failed pushes after which the intent fails with delivery_failed.
     */
    @JsonProperty("max_delivery_attempts")
    public Long getMaxDeliveryAttempts() { return maxDeliveryAttempts; }
    @JsonProperty("max_delivery_attempts")
    public void setMaxDeliveryAttempts(Long value) { this.maxDeliveryAttempts = value; }

    /**
     * How many reminders at most.
     */
    @JsonProperty("max_reminders")
    public Long getMaxReminders() { return maxReminders; }
    @JsonProperty("max_reminders")
    public void setMaxReminders(Long value) { this.maxReminders = value; }

    /**
     * String hints for routing and tracing, as created.
     */
    @JsonProperty("metadata")
    public Map<String, String> getMetadata() { return metadata; }
    @JsonProperty("metadata")
    public void setMetadata(Map<String, String> value) { this.metadata = value; }

    /**
     * The work itself, as created.
     */
    @JsonProperty("payload")
    public Map<String, Object> getPayload() { return payload; }
    @JsonProperty("payload")
    public void setPayload(Map<String, Object> value) { this.payload = value; }

    /**
     * Counts applied controls patches, from 0; the compare-and-set value of controls
     * (AXP-API-017).
     */
    @JsonProperty("policy_generation")
    public Long getPolicyGeneration() { return policyGeneration; }
    @JsonProperty("policy_generation")
    public void setPolicyGeneration(Long value) { this.policyGeneration = value; }

    /**
     * Seconds before the first reminder; null for no reminders.
     */
    @JsonProperty("remind_after_seconds")
    public Long getRemindAfterSeconds() { return remindAfterSeconds; }
    @JsonProperty("remind_after_seconds")
    public void setRemindAfterSeconds(Long value) { this.remindAfterSeconds = value; }

    /**
     * How many reminders have fired.
     */
    @JsonProperty("remind_count")
    public Long getRemindCount() { return remindCount; }
    @JsonProperty("remind_count")
    public void setRemindCount(Long value) { this.remindCount = value; }

    /**
     * Seconds between later reminders.
     */
    @JsonProperty("remind_interval_seconds")
    public Long getRemindIntervalSeconds() { return remindIntervalSeconds; }
    @JsonProperty("remind_interval_seconds")
    public void setRemindIntervalSeconds(Long value) { this.remindIntervalSeconds = value; }

    /**
     * An agent to tell about the outcome, if the client named one.
     */
    @JsonProperty("reply_to")
    public String getReplyTo() { return replyTo; }
    @JsonProperty("reply_to")
    public void setReplyTo(String value) { this.replyTo = value; }

    /**
     * The outcome of a COMPLETED intent (a human task's answer under result.task_result); null
     * before.
     */
    @JsonProperty("result")
    public Map<String, Object> getResult() { return result; }
    @JsonProperty("result")
    public void setResult(Map<String, Object> value) { this.result = value; }

    /**
     * The current status: the status of the last event (AXP-LC-008).
     */
    @JsonProperty("status")
    public Status getStatus() { return status; }
    @JsonProperty("status")
    public void setStatus(Status value) { this.status = value; }

    /**
     * The agent the intent is addressed to.
     */
    @JsonProperty("to_agent")
    public String getToAgent() { return toAgent; }
    @JsonProperty("to_agent")
    public void setToAgent(String value) { this.toAgent = value; }

    /**
     * When the intent last changed.
     */
    @JsonProperty("updated_at")
    public OffsetDateTime getUpdatedAt() { return updatedAt; }
    @JsonProperty("updated_at")
    public void setUpdatedAt(OffsetDateTime value) { this.updatedAt = value; }

    /**
     * What a WAITING intent waits on; null otherwise.
     */
    @JsonProperty("waiting_reason")
    public WaitingReason getWaitingReason() { return waitingReason; }
    @JsonProperty("waiting_reason")
    public void setWaitingReason(WaitingReason value) { this.waitingReason = value; }
}
