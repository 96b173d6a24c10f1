package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * The crash-restart phase: whether the server was restarted between the two halves of the
 * restart checks, and how long it took to answer /health again.
 */
public class Restart {
    private String command;
    private boolean performed;
    private Double seconds;

    /**
     * The restart command, when one was given.
     */
    @JsonProperty("command")
    public String getCommand() { return command; }
    @JsonProperty("command")
    public void setCommand(String value) { this.command = value; }

    /**
     * True when the server was restarted (--restart-cmd, or kill -9 of the embedded server).
     */
    @JsonProperty("performed")
    public boolean getPerformed() { return performed; }
    @JsonProperty("performed")
    public void setPerformed(boolean value) { this.performed = value; }

    /**
     * Seconds from the restart command to the first healthy answer.
     */
    @JsonProperty("seconds")
    public Double getSeconds() { return seconds; }
    @JsonProperty("seconds")
    public void setSeconds(Double value) { this.seconds = value; }
}
