package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.util.Map;

public class Check {
    private String area;
    private double durationSeconds;
    private Map<String, Object> evidence;
    private Failure[] failures;
    private String message;
    private String name;
    private String node;
    private String replay;
    private String[] requirements;
    private CheckStatus status;

    /**
     * The area it belongs to.
     */
    @JsonProperty("area")
    public String getArea() { return area; }
    @JsonProperty("area")
    public void setArea(String value) { this.area = value; }

    /**
     * How long the check took.
     */
    @JsonProperty("duration_seconds")
    public double getDurationSeconds() { return durationSeconds; }
    @JsonProperty("duration_seconds")
    public void setDurationSeconds(double value) { this.durationSeconds = value; }

    /**
     * The last request and answer before the failure; null when the check passed.
     */
    @JsonProperty("evidence")
    public Map<String, Object> getEvidence() { return evidence; }
    @JsonProperty("evidence")
    public void setEvidence(Map<String, Object> value) { this.evidence = value; }

    /**
     * Every requirement the check found broken, with the message.
     */
    @JsonProperty("failures")
    public Failure[] getFailures() { return failures; }
    @JsonProperty("failures")
    public void setFailures(Failure[] value) { this.failures = value; }

    /**
     * What went wrong, or why it did not apply.
     */
    @JsonProperty("message")
    public String getMessage() { return message; }
    @JsonProperty("message")
    public void setMessage(String value) { this.message = value; }

    /**
     * The check's name.
     */
    @JsonProperty("name")
    public String getName() { return name; }
    @JsonProperty("name")
    public void setName(String value) { this.name = value; }

    /**
     * <area>/<check>: the check's stable name in reports and pytest node IDs.
     */
    @JsonProperty("node")
    public String getNode() { return node; }
    @JsonProperty("node")
    public void setNode(String value) { this.node = value; }

    /**
     * The command that runs this check again with the same seed.
     */
    @JsonProperty("replay")
    public String getReplay() { return replay; }
    @JsonProperty("replay")
    public void setReplay(String value) { this.replay = value; }

    /**
     * The requirement IDs it verifies.
     */
    @JsonProperty("requirements")
    public String[] getRequirements() { return requirements; }
    @JsonProperty("requirements")
    public void setRequirements(String[] value) { this.requirements = value; }

    /**
     * passed, failed, not_applicable (an unclaimed capability), not_covered (the check could
     * not run here: a restart check without --restart-cmd) or harness_error (the suite's side
     * failed).
     */
    @JsonProperty("status")
    public CheckStatus getStatus() { return status; }
    @JsonProperty("status")
    public void setStatus(CheckStatus value) { this.status = value; }
}
