package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.util.Map;

/**
 * Body of POST /v1/intents/{intent_id}/resume: the addressed agent reports progress, or a
 * person answers a human task.
 */
public class ResumeRequest {
    private Action action;
    private String actor;
    private Boolean approveCurrentStep;
    private ErrorDetail error;
    private String reason;
    private Map<String, Object> result;
    private TaskResult taskResult;
    private WaitingReason waitingReason;

    /**
     * What the agent reports: start (IN_PROGRESS), wait (WAITING), complete (COMPLETED) or fail
     * (FAILED), AXP-API-015.
     */
    @JsonProperty("action")
    public Action getAction() { return action; }
    @JsonProperty("action")
    public void setAction(Action value) { this.action = value; }

    /**
     * Accepted for compatibility with upstream clients and ignored: events name the
     * authenticated principal (AXP-EV-009).
     */
    @JsonProperty("actor")
    public String getActor() { return actor; }
    @JsonProperty("actor")
    public void setActor(String value) { this.actor = value; }

    /**
     * Continue a WAITING intent (the default when the body has no action); only true is
     * meaningful, and never with action or task_result.
     */
    @JsonProperty("approve_current_step")
    public Boolean getApproveCurrentStep() { return approveCurrentStep; }
    @JsonProperty("approve_current_step")
    public void setApproveCurrentStep(Boolean value) { this.approveCurrentStep = value; }

    /**
     * Why it failed; required with action fail.
     */
    @JsonProperty("error")
    public ErrorDetail getError() { return error; }
    @JsonProperty("error")
    public void setError(ErrorDetail value) { this.error = value; }

    /**
     * A note for people; the platform does not act on it.
     */
    @JsonProperty("reason")
    public String getReason() { return reason; }
    @JsonProperty("reason")
    public void setReason(String value) { this.reason = value; }

    /**
     * The outcome; required with action complete.
     */
    @JsonProperty("result")
    public Map<String, Object> getResult() { return result; }
    @JsonProperty("result")
    public void setResult(Map<String, Object> value) { this.result = value; }

    /**
     * A person's answer to the intent's human task (AXP-HT-002..006); never with action.
     */
    @JsonProperty("task_result")
    public TaskResult getTaskResult() { return taskResult; }
    @JsonProperty("task_result")
    public void setTaskResult(TaskResult value) { this.taskResult = value; }

    /**
     * What the intent waits on; required with action wait.
     */
    @JsonProperty("waiting_reason")
    public WaitingReason getWaitingReason() { return waitingReason; }
    @JsonProperty("waiting_reason")
    public void setWaitingReason(WaitingReason value) { this.waitingReason = value; }
}
