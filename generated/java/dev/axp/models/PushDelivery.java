package dev.axp.models;

import com.fasterxml.jackson.annotation.*;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Body the server POSTs to an agent's registered push URL. sent_at and delivery_id are
 * inside the HMAC-signed body so receivers can reject replays (AXP-DLV-002, AXP-DLV-003).
 */
public class PushDelivery {
    private long attempt;
    private UUID deliveryID;
    private IntentEnvelope envelope;
    private UUID intentID;
    private OffsetDateTime sentAt;

    /**
     * Which attempt this is, from 1.
     */
    @JsonProperty("attempt")
    public long getAttempt() { return attempt; }
    @JsonProperty("attempt")
    public void setAttempt(long value) { this.attempt = value; }

    /**
     * Fresh for every attempt; a receiver rejects one it has seen before (AXP-DLV-003).
     */
    @JsonProperty("delivery_id")
    public UUID getDeliveryID() { return deliveryID; }
    @JsonProperty("delivery_id")
    public void setDeliveryID(UUID value) { this.deliveryID = value; }

    /**
     * The intent in its canonical envelope form.
     */
    @JsonProperty("envelope")
    public IntentEnvelope getEnvelope() { return envelope; }
    @JsonProperty("envelope")
    public void setEnvelope(IntentEnvelope value) { this.envelope = value; }

    /**
     * The intent pushed.
     */
    @JsonProperty("intent_id")
    public UUID getIntentID() { return intentID; }
    @JsonProperty("intent_id")
    public void setIntentID(UUID value) { this.intentID = value; }

    /**
     * When this attempt was sent; a receiver rejects old ones (AXP-DLV-011).
     */
    @JsonProperty("sent_at")
    public OffsetDateTime getSentAt() { return sentAt; }
    @JsonProperty("sent_at")
    public void setSentAt(OffsetDateTime value) { this.sentAt = value; }
}
