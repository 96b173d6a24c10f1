package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.util.Map;

/**
 * A task a person must answer; put on an intent at create time (AXP-HT-*).
 *
 * Makes the intent a task for a person: it waits WAITING_FOR_HUMAN for a task_result
 * (AXP-HT-001).
 *
 * The task for a person, when the intent is one.
 */
public class HumanTask {
    private String[] allowedOutcomes;
    private String[] assignees;
    private String description;
    private Boolean evidenceRequired;
    private Map<String, Object> formSchema;
    private Boolean requiredComment;
    private TaskType taskType;
    private String title;

    /**
     * Outcomes a task_result may carry; default [approved, rejected].
     */
    @JsonProperty("allowed_outcomes")
    public String[] getAllowedOutcomes() { return allowedOutcomes; }
    @JsonProperty("allowed_outcomes")
    public void setAllowedOutcomes(String[] value) { this.allowedOutcomes = value; }

    /**
     * Who may answer, as addresses or names the platform's task tool understands.
     */
    @JsonProperty("assignees")
    public String[] getAssignees() { return assignees; }
    @JsonProperty("assignees")
    public void setAssignees(String[] value) { this.assignees = value; }

    /**
     * More context for the person.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * task_result.data.evidence must be present and non-empty.
     */
    @JsonProperty("evidence_required")
    public Boolean getEvidenceRequired() { return evidenceRequired; }
    @JsonProperty("evidence_required")
    public void setEvidenceRequired(Boolean value) { this.evidenceRequired = value; }

    /**
     * A JSON Schema 2020-12 that task_result.data must satisfy.
     */
    @JsonProperty("form_schema")
    public Map<String, Object> getFormSchema() { return formSchema; }
    @JsonProperty("form_schema")
    public void setFormSchema(Map<String, Object> value) { this.formSchema = value; }

    /**
     * When true, a task_result needs a non-empty comment (AXP-HT-003).
     */
    @JsonProperty("required_comment")
    public Boolean getRequiredComment() { return requiredComment; }
    @JsonProperty("required_comment")
    public void setRequiredComment(Boolean value) { this.requiredComment = value; }

    /**
     * The kind of task, for the tool that shows it; default approval.
     */
    @JsonProperty("task_type")
    public TaskType getTaskType() { return taskType; }
    @JsonProperty("task_type")
    public void setTaskType(TaskType value) { this.taskType = value; }

    /**
     * What the person is asked, in one line.
     */
    @JsonProperty("title")
    public String getTitle() { return title; }
    @JsonProperty("title")
    public void setTitle(String value) { this.title = value; }
}
