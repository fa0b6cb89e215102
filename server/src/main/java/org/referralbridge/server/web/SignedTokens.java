package org.referralbridge.server.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens of the links the service e-mails (opt-out, survey): a few {@code |}-separated fields (ids and times,
 * never PHI: URLs end up in logs), base64url-encoded, then {@code .} and their HMAC-SHA256 under the service's secret
 * with a purpose prefix, so a token made for one purpose never verifies for another. Only this service can make one.
 */
public final class SignedTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int LONGEST = 512;

    private final byte[] secret;
    private final String purpose;

    /** @param purpose what the token is for, e.g. {@code token}; part of what is signed */
    public SignedTokens(String secret, String purpose) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.purpose = purpose;
    }

    /** A token carrying these fields, none holding {@code |}. */
    public String sign(String... fields) {
        String encoded = ENCODER.encodeToString(String.join("|", fields).getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(hmac(purpose + "|" + encoded));
    }

    /** The fields of a token of ours, untampered, when it has exactly {@code count} of them; empty for anything else. */
    public Optional<String[]> open(String token, int count) {
        if (token == null || token.length() > LONGEST) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        try {
            byte[] presented = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(presented, hmac(purpose + "|" + encoded))) {
                return Optional.empty();
            }
            String[] fields = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\\|");
            return fields.length == count ? Optional.of(fields) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The HMAC-SHA256 of a value under the secret, for keyed digests next to the tokens. */
    public byte[] hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
