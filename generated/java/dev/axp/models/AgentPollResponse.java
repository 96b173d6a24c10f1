package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of GET /v1/agents/{org}/{workspace}/{name}/intents (poll delivery).
 */
public class AgentPollResponse {
    private AgentDelivery[] deliveries;
    private long nextCursor;
    private boolean ok;

    /**
     * At most limit delivery records after since, oldest first, filtered to live intents
     * (AXP-DLV-008).
     */
    @JsonProperty("deliveries")
    public AgentDelivery[] getDeliveries() { return deliveries; }
    @JsonProperty("deliveries")
    public void setDeliveries(AgentDelivery[] value) { this.deliveries = value; }

    /**
     * The since of the next poll: past every record this page examined, filtered ones included;
     * never less than the since asked for.
     */
    @JsonProperty("next_cursor")
    public long getNextCursor() { return nextCursor; }
    @JsonProperty("next_cursor")
    public void setNextCursor(long value) { this.nextCursor = value; }

    /**
     * Always true on a 200 answer.
     */
    @JsonProperty("ok")
    public boolean getOk() { return ok; }
    @JsonProperty("ok")
    public void setOk(boolean value) { this.ok = value; }
}
