package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

public class CategoryElement {
    private String description;
    private long[] httpStatuses;
    private String name;

    /**
     * What the category means.
     */
    @JsonProperty("description")
    public String getDescription() { return description; }
    @JsonProperty("description")
    public void setDescription(String value) { this.description = value; }

    /**
     * The HTTP statuses codes of this category answer with.
     */
    @JsonProperty("http_statuses")
    public long[] getHTTPStatuses() { return httpStatuses; }
    @JsonProperty("http_statuses")
    public void setHTTPStatuses(long[] value) { this.httpStatuses = value; }

    /**
     * The category name, as error.category carries it.
     */
    @JsonProperty("name")
    public String getName() { return name; }
    @JsonProperty("name")
    public void setName(String value) { this.name = value; }
}
