package org.referralbridge.conformance;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A referral code people can read aloud and type: 7 characters from an alphabet without look-alikes (no 0/O,
 * 1/I/L, and no U) and a check character (Luhn mod N), shown as {@code ABCD-EFGH}. The check character catches
 * every single mistyped character and most swaps of two neighbours, so a typo is reported, not matched to a
 * stranger.
 *
 * <p>The one implementation of the rule: the service (which issues and matches codes) and the HAPI plugin (which
 * links at create time) both read codes with {@link #parse}, so a code one accepts the other accepts too. Plain
 * Java, no HAPI type, so the service's domain modules can use it.
 *
 * @param value the normalized code: 8 characters of {@link #ALPHABET}, upper case, without hyphen
 */
public record ReferralCode(String value) {

    /** The characters a code is made of: digits and upper-case letters without 0, 1, I, L, O and U. */
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    static final int PAYLOAD_LENGTH = 7;
    static final int LENGTH = PAYLOAD_LENGTH + 1;
    private static final int GROUP = 4;

    /**
     * @throws IllegalArgumentException when {@code value} is not a valid code in any typed form
     */
    public ReferralCode {
        if (parse(value) instanceof Parsed.Valid valid) {
            value = valid.normalized();
        } else {
            throw new IllegalArgumentException("not a valid referral code");
        }
    }

    /** A new random code. */
    public static ReferralCode generate(RandomGenerator random) {
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

    /**
     * The typed text without what does not matter (spaces, hyphens, case): the form {@link #value} has when the
     * code is valid. Says nothing about validity; use {@link #parse} for that.
     */
    public static String normalize(String typed) {
        return typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /**
     * The check character for a payload of {@link #ALPHABET} characters: Luhn mod N. Public so tests can build
     * well-formed codes that nobody holds.
     *
     * @throws IllegalArgumentException when the payload holds a character outside the alphabet
     */
    public static char checkCharacter(CharSequence payload) {
        int n = ALPHABET.length();
        int factor = 2;
        int sum = 0;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int index = ALPHABET.indexOf(payload.charAt(i));
            if (index < 0) {
                throw new IllegalArgumentException("not a referral code character at " + i);
            }
            int addend = factor * index;
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return ALPHABET.charAt((n - sum % n) % n);
    }

    /**
     * The form to print, read aloud and carry in FHIR ({@code referral-advocate.code}, and {@code
     * referral-source.code} once read): {@code ABCD-EFGH}.
     */
    public String display() {
        return value.substring(0, GROUP) + "-" + value.substring(GROUP);
    }

    @Override
    public String toString() {
        return display();
    }

    /** The result of reading a typed code. */
    public sealed interface Parsed {

        /** A code that passes its check character; {@code normalized} is its {@link ReferralCode#value}. */
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
