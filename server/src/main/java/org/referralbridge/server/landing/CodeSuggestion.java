package org.referralbridge.server.landing;

import java.util.Optional;
import org.referralbridge.conformance.ReferralCode;

/**
 * The code a person most likely meant when the one they typed does not pass its check character, computed from the
 * code's own structure only (never by looking up who holds a code, so a suggestion says nothing about advocates):
 *
 * <ul>
 *   <li>one character that no code contains (a look-alike such as 0, O, 1, I, L or U): the check character fixes
 *       which character of the alphabet belongs there, since exactly one makes the code valid;
 *   <li>the right characters with a wrong check character: the right check character is computed.
 * </ul>
 *
 * A code with two unknown characters, a character that is neither a letter nor a digit, or of the wrong length,
 * gets no suggestion.
 */
final class CodeSuggestion {

    private static final int LENGTH = 8;
    private static final int PAYLOAD = LENGTH - 1;

    private CodeSuggestion() {}

    /** @return the suggested code as shown ({@code ABCD-EFGH}); empty when the typed code is valid or unguessable */
    static Optional<String> forTyped(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = ReferralCode.normalize(typed);
        if (code.length() != LENGTH || ReferralCode.parse(code) instanceof ReferralCode.Parsed.Valid) {
            return Optional.empty();
        }
        int unknown = -1;
        for (int i = 0; i < LENGTH; i++) {
            char c = code.charAt(i);
            if (ReferralCode.ALPHABET.indexOf(c) < 0) {
                if (unknown >= 0 || !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                    return Optional.empty();
                }
                unknown = i;
            }
        }
        if (unknown < 0 || unknown == PAYLOAD) {
            // the payload is readable: its check character is the one it computes
            String payload = code.substring(0, PAYLOAD);
            return Optional.of(shown(payload + ReferralCode.checkCharacter(payload)));
        }
        for (char candidate : ReferralCode.ALPHABET.toCharArray()) {
            String corrected = code.substring(0, unknown) + candidate + code.substring(unknown + 1);
            if (ReferralCode.parse(corrected) instanceof ReferralCode.Parsed.Valid) {
                return Optional.of(shown(corrected));
            }
        }
        return Optional.empty();
    }

    private static String shown(String normalized) {
        return new ReferralCode(normalized).display();
    }
}
