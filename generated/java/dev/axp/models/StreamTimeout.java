package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * data of the stream.timeout frame that ends an SSE window (AXP-SSE-004).
 */
public class StreamTimeout {
    private long lastSeq;
    private long nextSeq;
    private boolean ok;

    /**
     * The cursor to resume from, passed back as since (AXP-SSE-004): the intent's last seq, or
     * on an agent stream the last delivery cursor.
     */
    @JsonProperty("last_seq")
    public long getLastSeq() { return lastSeq; }
    @JsonProperty("last_seq")
    public void setLastSeq(long value) { this.lastSeq = value; }

    /**
     * last_seq plus one: on an intent stream, the seq the intent's next event will get.
     */
    @JsonProperty("next_seq")
    public long getNextSeq() { return nextSeq; }
    @JsonProperty("next_seq")
    public void setNextSeq(long value) { this.nextSeq = value; }

    /**
     * Always true: the window ended normally.
     */
    @JsonProperty("ok")
    public boolean getOk() { return ok; }
    @JsonProperty("ok")
    public void setOk(boolean value) { this.ok = value; }
}
