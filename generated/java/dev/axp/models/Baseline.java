package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Failures the run was told to expect (--baseline), and those that no longer happen.
 */
public class Baseline {
    private String[] expected;
    private String[] stale;

    /**
     * Requirement IDs expected to fail.
     */
    @JsonProperty("expected")
    public String[] getExpected() { return expected; }
    @JsonProperty("expected")
    public void setExpected(String[] value) { this.expected = value; }

    /**
     * Expected failures that passed in this run.
     */
    @JsonProperty("stale")
    public String[] getStale() { return stale; }
    @JsonProperty("stale")
    public void setStale(String[] value) { this.stale = value; }
}
