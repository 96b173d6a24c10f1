package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of GET /v1/intents.
 */
public class ListIntentsResponse {
    private boolean hasMore;
    private Intent[] intents;
    private String nextCursor;
    private boolean ok;

    /**
     * Whether another page follows.
     */
    @JsonProperty("has_more")
    public boolean getHasMore() { return hasMore; }
    @JsonProperty("has_more")
    public void setHasMore(boolean value) { this.hasMore = value; }

    /**
     * A page of intents the caller may see, matching the filters.
     */
    @JsonProperty("intents")
    public Intent[] getIntents() { return intents; }
    @JsonProperty("intents")
    public void setIntents(Intent[] value) { this.intents = value; }

    /**
     * Pass as cursor for the next page; null on the last page.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonProperty("next_cursor")
    public String getNextCursor() { return nextCursor; }
    @JsonProperty("next_cursor")
    public void setNextCursor(String value) { this.nextCursor = value; }

    /**
     * Always true on a 200 answer.
     */
    @JsonProperty("ok")
    public boolean getOk() { return ok; }
    @JsonProperty("ok")
    public void setOk(boolean value) { this.ok = value; }
}
