package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of PUT /v1/agents/{org}/{workspace}/{name}/push: where and with which secret to push.
 */
public class PushRegistrationRequest {
    private String secret;
    private String url;

    /**
     * The shared secret for X-Axme-Signature; at least 16 characters, never returned
     * (AXP-DLV-010).
     */
    @JsonProperty("secret")
    public String getSecret() { return secret; }
    @JsonProperty("secret")
    public void setSecret(String value) { this.secret = value; }

    /**
     * Where the platform POSTs deliveries (http or https).
     */
    @JsonProperty("url")
    public String getURL() { return url; }
    @JsonProperty("url")
    public void setURL(String value) { this.url = value; }
}
