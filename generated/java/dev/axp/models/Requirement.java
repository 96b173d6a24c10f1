package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class Requirement {
    private String area;
    private String[] checks;
    private String id;
    private Level level;
    private String message;
    private String text;
    private Verdict verdict;

    /**
     * Its area code.
     */
    @JsonProperty("area")
    public String getArea() { return area; }
    @JsonProperty("area")
    public void setArea(String value) { this.area = value; }

    /**
     * The checks that verify it.
     */
    @JsonProperty("checks")
    public String[] getChecks() { return checks; }
    @JsonProperty("checks")
    public void setChecks(String[] value) { this.checks = value; }

    /**
     * The requirement ID.
     */
    @JsonProperty("id")
    public String getID() { return id; }
    @JsonProperty("id")
    public void setID(String value) { this.id = value; }

    /**
     * Its level.
     */
    @JsonProperty("level")
    public Level getLevel() { return level; }
    @JsonProperty("level")
    public void setLevel(Level value) { this.level = value; }

    /**
     * Why: the first failure, or why nothing could observe it.
     */
    @JsonProperty("message")
    public String getMessage() { return message; }
    @JsonProperty("message")
    public void setMessage(String value) { this.message = value; }

    /**
     * Its sentence from the spec.
     */
    @JsonProperty("text")
    public String getText() { return text; }
    @JsonProperty("text")
    public void setText(String value) { this.text = value; }

    /**
     * passed; failed (a MUST a failure names); warning (a SHOULD/MAY a failure names);
     * not_reached (its checks stopped at another requirement's failure first); not_applicable
     * (an optional capability the server does not claim, or a rule for clients); not_covered
     * (nothing in this run could observe it: message says why); not_selected (left out by
     * --only/--skip/--level).
     */
    @JsonProperty("verdict")
    public Verdict getVerdict() { return verdict; }
    @JsonProperty("verdict")
    public void setVerdict(Verdict value) { this.verdict = value; }
}
