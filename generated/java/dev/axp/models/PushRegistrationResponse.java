package dev.axp.models;

import com.fasterxml.jackson.annotation.*;

/**
 * Body of a 200 answer to PUT .../push (the secret is never echoed).
 */
public class PushRegistrationResponse {
    private String agent;
    private boolean ok;
    private String secretHint;
    private String url;

    /**
     * The agent whose endpoint was registered.
     */
    @JsonProperty("agent")
    public String getAgent() { return agent; }
    @JsonProperty("agent")
    public void setAgent(String value) { this.agent = value; }

    /**
     * Always true on a 200 answer.
     */
    @JsonProperty("ok")
    public boolean getOk() { return ok; }
    @JsonProperty("ok")
    public void setOk(boolean value) { this.ok = value; }

    /**
     * The last characters of the secret, to tell secrets apart; never the secret.
     */
    @JsonProperty("secret_hint")
    public String getSecretHint() { return secretHint; }
    @JsonProperty("secret_hint")
    public void setSecretHint(String value) { this.secretHint = value; }

    /**
     * The registered URL.
     */
    @JsonProperty("url")
    public String getURL() { return url; }
    @JsonProperty("url")
    public void setURL(String value) { this.url = value; }
}
