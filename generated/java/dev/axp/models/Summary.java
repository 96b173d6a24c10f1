package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.util.Map;

/**
 * The counts behind the verdict.
 */
public class Summary {
    private Map<String, Map<String, Long>> byArea;
    private Map<String, Map<String, Long>> byLevel;
    private long harnessErrors;
    private long mustApplicable;
    private long mustFailed;
    private long mustNotCovered;
    private long mustNotReached;
    private long mustPassed;
    private double score;

    /**
     * Requirement verdict counts (passed, failed, warning, not_applicable, not_covered) per
     * requirement area (API, LC, ...).
     */
    @JsonProperty("by_area")
    public Map<String, Map<String, Long>> getByArea() { return byArea; }
    @JsonProperty("by_area")
    public void setByArea(Map<String, Map<String, Long>> value) { this.byArea = value; }

    /**
     * Requirement verdict counts (passed, failed, warning, not_applicable, not_covered) per
     * level (MUST, SHOULD, MAY).
     */
    @JsonProperty("by_level")
    public Map<String, Map<String, Long>> getByLevel() { return byLevel; }
    @JsonProperty("by_level")
    public void setByLevel(Map<String, Map<String, Long>> value) { this.byLevel = value; }

    /**
     * Checks that failed on the suite's side; never counted against the server.
     */
    @JsonProperty("harness_errors")
    public long getHarnessErrors() { return harnessErrors; }
    @JsonProperty("harness_errors")
    public void setHarnessErrors(long value) { this.harnessErrors = value; }

    /**
     * MUST requirements that passed or failed: the score's denominator.
     */
    @JsonProperty("must_applicable")
    public long getMustApplicable() { return mustApplicable; }
    @JsonProperty("must_applicable")
    public void setMustApplicable(long value) { this.mustApplicable = value; }

    /**
     * MUST requirements a failure names.
     */
    @JsonProperty("must_failed")
    public long getMustFailed() { return mustFailed; }
    @JsonProperty("must_failed")
    public void setMustFailed(long value) { this.mustFailed = value; }

    /**
     * MUST requirements nothing in this run observed (each says why); --require-coverage fails
     * the run on any.
     */
    @JsonProperty("must_not_covered")
    public long getMustNotCovered() { return mustNotCovered; }
    @JsonProperty("must_not_covered")
    public void setMustNotCovered(long value) { this.mustNotCovered = value; }

    /**
     * MUST requirements whose checks stopped at another requirement's failure before reaching
     * them.
     */
    @JsonProperty("must_not_reached")
    public long getMustNotReached() { return mustNotReached; }
    @JsonProperty("must_not_reached")
    public void setMustNotReached(long value) { this.mustNotReached = value; }

    /**
     * MUST requirements shown to hold.
     */
    @JsonProperty("must_passed")
    public long getMustPassed() { return mustPassed; }
    @JsonProperty("must_passed")
    public void setMustPassed(long value) { this.mustPassed = value; }

    /**
     * must_passed as a percentage of must_applicable.
     */
    @JsonProperty("score")
    public double getScore() { return score; }
    @JsonProperty("score")
    public void setScore(double value) { this.score = value; }
}
