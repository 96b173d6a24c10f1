package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.util.Map;

/**
 * A person's answer to the intent's human task (AXP-HT-002..006); never with action.
 *
 * A person's answer to a human task, sent with resume.
 */
public class TaskResult {
    private String comment;
    private Map<String, Object> data;
    private String outcome;

    /**
     * The person's comment; required non-empty when the task has required_comment (AXP-HT-003).
     */
    @JsonProperty("comment")
    public String getComment() { return comment; }
    @JsonProperty("comment")
    public void setComment(String value) { this.comment = value; }

    /**
     * Form answers and evidence; validated against human_task.form_schema.
     */
    @JsonProperty("data")
    public Map<String, Object> getData() { return data; }
    @JsonProperty("data")
    public void setData(Map<String, Object> value) { this.data = value; }

    /**
     * The person's decision: one of the human task's allowed_outcomes (AXP-HT-002).
     */
    @JsonProperty("outcome")
    public String getOutcome() { return outcome; }
    @JsonProperty("outcome")
    public void setOutcome(String value) { this.outcome = value; }
}
