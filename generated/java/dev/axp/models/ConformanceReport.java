package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.time.OffsetDateTime;

/**
 * The JSON report of `axp conformance run --report json`: one verdict per requirement ID,
 * and every check's outcome with evidence and a replay command.
 */
public class ConformanceReport {
    private Baseline baseline;
    private String[] capabilities;
    private Check[] checks;
    private double durationSeconds;
    private long maxExamples;
    private Requirement[] requirements;
    private Restart restart;
    private long seed;
    private Version specVersion;
    private OffsetDateTime startedAt;
    private Suite suite;
    private String suiteVersion;
    private Summary summary;
    private String target;

    /**
     * Failures the run was told to expect (--baseline), and those that no longer happen.
     */
    @JsonProperty("baseline")
    public Baseline getBaseline() { return baseline; }
    @JsonProperty("baseline")
    public void setBaseline(Baseline value) { this.baseline = value; }

    /**
     * The capabilities the server listed; checks of unlisted optional ones were not applicable.
     */
    @JsonProperty("capabilities")
    public String[] getCapabilities() { return capabilities; }
    @JsonProperty("capabilities")
    public void setCapabilities(String[] value) { this.capabilities = value; }

    /**
     * Every check's outcome.
     */
    @JsonProperty("checks")
    public Check[] getChecks() { return checks; }
    @JsonProperty("checks")
    public void setChecks(Check[] value) { this.checks = value; }

    /**
     * How long the run took.
     */
    @JsonProperty("duration_seconds")
    public double getDurationSeconds() { return durationSeconds; }
    @JsonProperty("duration_seconds")
    public void setDurationSeconds(double value) { this.durationSeconds = value; }

    /**
     * Generated examples per fuzzed operation.
     */
    @JsonProperty("max_examples")
    public long getMaxExamples() { return maxExamples; }
    @JsonProperty("max_examples")
    public void setMaxExamples(long value) { this.maxExamples = value; }

    /**
     * One verdict per requirement ID of the spec.
     */
    @JsonProperty("requirements")
    public Requirement[] getRequirements() { return requirements; }
    @JsonProperty("requirements")
    public void setRequirements(Requirement[] value) { this.requirements = value; }

    /**
     * The crash-restart phase: whether the server was restarted between the two halves of the
     * restart checks, and how long it took to answer /health again.
     */
    @JsonProperty("restart")
    public Restart getRestart() { return restart; }
    @JsonProperty("restart")
    public void setRestart(Restart value) { this.restart = value; }

    /**
     * The seed of the generated requests; the same seed replays the same run.
     */
    @JsonProperty("seed")
    public long getSeed() { return seed; }
    @JsonProperty("seed")
    public void setSeed(long value) { this.seed = value; }

    /**
     * The protocol version tested: v1.
     */
    @JsonProperty("spec_version")
    public Version getSpecVersion() { return specVersion; }
    @JsonProperty("spec_version")
    public void setSpecVersion(Version value) { this.specVersion = value; }

    /**
     * When the run started.
     */
    @JsonProperty("started_at")
    public OffsetDateTime getStartedAt() { return startedAt; }
    @JsonProperty("started_at")
    public void setStartedAt(OffsetDateTime value) { this.startedAt = value; }

    /**
     * The tool that wrote the report: axp-conformance.
     */
    @JsonProperty("suite")
    public Suite getSuite() { return suite; }
    @JsonProperty("suite")
    public void setSuite(Suite value) { this.suite = value; }

    /**
     * The version of the conformance suite.
     */
    @JsonProperty("suite_version")
    public String getSuiteVersion() { return suiteVersion; }
    @JsonProperty("suite_version")
    public void setSuiteVersion(String value) { this.suiteVersion = value; }

    /**
     * The counts behind the verdict.
     */
    @JsonProperty("summary")
    public Summary getSummary() { return summary; }
    @JsonProperty("summary")
    public void setSummary(Summary value) { this.summary = value; }

    /**
     * The base URL of the server tested.
     */
    @JsonProperty("target")
    public String getTarget() { return target; }
    @JsonProperty("target")
    public void setTarget(String value) { this.target = value; }
}
