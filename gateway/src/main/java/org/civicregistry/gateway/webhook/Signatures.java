package org.civicregistry.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures per <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>, so a receiver
 * verifies them with any of its libraries: {@code webhook-signature} is {@code v1,<base64 HMAC-SHA256
 * of "<webhook-id>.<webhook-timestamp>.<body>">}, keyed with the base64-decoded part of the secret
 * after {@code whsec_}; during a secret rotation one such signature per valid secret, space-separated.
 * <p>
 * {@code Civic-Signature} ({@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, one {@code v1}
 * per valid secret) is the scheme of before, with the same key: deprecated, sent until
 * {@link #LEGACY_UNTIL} for receivers not yet moved to the standard headers.
 */
public final class Signatures {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** Deprecated. */
    public static final String LEGACY = "Civic-Signature";
    public static final String LEGACY_UNTIL = "2027-06-30";
    public static final String PREFIX = "whsec_";
    /** The key lengths the standard allows. */
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    /** {@code whsec_} and the base64 of 32 random bytes. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Whether a secret a caller chose is {@code whsec_} and the base64 of a key of 24 to 64 bytes. */
    static boolean wellFormed(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return false;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
            return length >= MIN_KEY_BYTES && length <= MAX_KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code webhook-signature} value: one signature per secret, the current one first. */
    public static String sign(List<String> secrets, String id, long timestamp, String body) {
        return secrets.stream().map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(secret, id + "." + timestamp + "." + body)))
                .collect(Collectors.joining(" "));
    }

    /** The deprecated {@code Civic-Signature} value. */
    public static String legacy(List<String> secrets, long timestamp, String body) {
        return "t=" + timestamp + secrets.stream().map(secret -> ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body)))
                .collect(Collectors.joining());
    }

    public static byte[] hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
    }
}
