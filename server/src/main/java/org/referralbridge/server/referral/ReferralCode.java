package org.referralbridge.server.referral;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A referral code people can read aloud and type: 7 characters from an alphabet without look-alikes (no 0/O,
 * 1/I/L, and no U) and a check character (Luhn mod N), shown as {@code ABCD-EFGH}. The check character catches
 * every single mistyped character and most swaps of two neighbours, so a typo is reported, not matched to a
 * stranger.
 */
public record ReferralCode(String value) {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int PAYLOAD_LENGTH = 7;
    static final int LENGTH = PAYLOAD_LENGTH + 1;

    public ReferralCode {
        if (parse(value) instanceof Parsed.Valid valid) {
            value = valid.normalized();
        } else {
            throw new IllegalArgumentException("not a valid referral code");
        }
    }

    /** A new random code. */
    static ReferralCode generate(RandomGenerator random) {
        StringBuilder payload = new StringBuilder(LENGTH);
        for (int i = 0; i < PAYLOAD_LENGTH; i++) {
            payload.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new ReferralCode(payload.append(checkCharacter(payload)).toString());
    }

    /**
     * Reads a code as a person typed it: case, spaces and hyphens do not matter.
     *
     * @return what is wrong with it, if anything
     */
    public static Parsed parse(String typed) {
        if (typed == null) {
            return new Parsed.Malformed();
        }
        String normalized = normalize(typed);
        if (normalized.length() != LENGTH) {
            return new Parsed.Malformed();
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(normalized.charAt(i)) < 0) {
                return new Parsed.Malformed();
            }
        }
        if (checkCharacter(normalized.substring(0, PAYLOAD_LENGTH)) != normalized.charAt(PAYLOAD_LENGTH)) {
            return new Parsed.BadCheckCharacter();
        }
        return new Parsed.Valid(normalized);
    }

    /** The form to print and read aloud: {@code ABCD-EFGH}. */
    public String display() {
        return value.substring(0, 4) + "-" + value.substring(4);
    }

    @Override
    public String toString() {
        return display();
    }

    private static String normalize(String typed) {
        return typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /** Luhn mod N over {@link #ALPHABET}. */
    static char checkCharacter(CharSequence payload) {
        int n = ALPHABET.length();
        int factor = 2;
        int sum = 0;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(payload.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return ALPHABET.charAt((n - sum % n) % n);
    }

    /** The result of reading a typed code. */
    public sealed interface Parsed {

        record Valid(String normalized) implements Parsed {

            public ReferralCode code() {
                return new ReferralCode(normalized);
            }
        }

        /** Wrong length or characters that no referral code contains. */
        record Malformed() implements Parsed {}

        /** The right shape, but the check character does not match: most likely a typo. */
        record BadCheckCharacter() implements Parsed {}
    }
}
