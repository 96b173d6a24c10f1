package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.time.OffsetDateTime;

/**
 * The controls to change; fields left out keep their value (AXP-API-017).
 */
public class ControlsPatch {
    private OffsetDateTime deadlineAt;
    private String escalateTo;
    private Long maxReminders;
    private Long remindAfterSeconds;
    private Long remindIntervalSeconds;

    /**
     * The new deadline; null removes it.
     */
    @JsonProperty("deadline_at")
    public OffsetDateTime getDeadlineAt() { return deadlineAt; }
    @JsonProperty("deadline_at")
    public void setDeadlineAt(OffsetDateTime value) { this.deadlineAt = value; }

    /**
     * Who is told (intent.escalated) when the last reminder has fired.
     */
    @JsonProperty("escalate_to")
    public String getEscalateTo() { return escalateTo; }
    @JsonProperty("escalate_to")
    public void setEscalateTo(String value) { this.escalateTo = value; }

    /**
     * How many reminders at most; those already sent count.
     */
    @JsonProperty("max_reminders")
    public Long getMaxReminders() { return maxReminders; }
    @JsonProperty("max_reminders")
    public void setMaxReminders(Long value) { this.maxReminders = value; }

    /**
     * Seconds before the first reminder.
     */
    @JsonProperty("remind_after_seconds")
    public Long getRemindAfterSeconds() { return remindAfterSeconds; }
    @JsonProperty("remind_after_seconds")
    public void setRemindAfterSeconds(Long value) { this.remindAfterSeconds = value; }

    /**
     * Seconds between later reminders.
     */
    @JsonProperty("remind_interval_seconds")
    public Long getRemindIntervalSeconds() { return remindIntervalSeconds; }
    @JsonProperty("remind_interval_seconds")
    public void setRemindIntervalSeconds(Long value) { this.remindIntervalSeconds = value; }
}
