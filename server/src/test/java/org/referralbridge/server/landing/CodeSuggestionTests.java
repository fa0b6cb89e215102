package org.referralbridge.server.landing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.ReferralCode;

/** The suggestion comes from the code's own structure: a look-alike the check character resolves, or the check. */
class CodeSuggestionTests {

    private static final ReferralCode CODE = ReferralCode.generate(new Random(14));

    @Test
    void aValidCodeGetsNoSuggestion() {
        assertThat(CodeSuggestion.forTyped(CODE.display())).isEmpty();
        assertThat(CodeSuggestion.forTyped(CODE.value().toLowerCase())).isEmpty();
    }

    @Test
    void aWrongCheckCharacterIsCorrected() {
        String typed = CODE.value().substring(0, 7) + other(CODE.value().charAt(7));
        assertThat(ReferralCode.parse(typed)).isInstanceOf(ReferralCode.Parsed.BadCheckCharacter.class);

        assertThat(CodeSuggestion.forTyped(typed)).hasValue(CODE.display());
        assertThat(CodeSuggestion.forTyped(
                        typed.substring(0, 4) + "-" + typed.substring(4).toLowerCase()))
                .hasValue(CODE.display());
    }

    @Test
    void aLookAlikeAtAnyPositionIsResolvedByTheCheckCharacter() {
        for (int position = 0; position < 8; position++) {
            for (char lookAlike : "0O1ILU".toCharArray()) {
                String typed = CODE.value().substring(0, position)
                        + lookAlike
                        + CODE.value().substring(position + 1);
                assertThat(ReferralCode.parse(typed)).isInstanceOf(ReferralCode.Parsed.Malformed.class);
                assertThat(CodeSuggestion.forTyped(typed))
                        .as("%s (a look-alike at %d)", typed, position)
                        .hasValue(CODE.display());
            }
        }
    }

    @Test
    void everySuggestionIsAValidCodeForRandomTypos() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            ReferralCode code = ReferralCode.generate(random);
            int position = random.nextInt(7);
            String typed = code.value().substring(0, position)
                    + other(code.value().charAt(position))
                    + code.value().substring(position + 1);
            if (ReferralCode.parse(typed) instanceof ReferralCode.Parsed.Valid) {
                continue;
            }
            assertThat(CodeSuggestion.forTyped(typed))
                    .hasValueSatisfying(suggested ->
                            assertThat(ReferralCode.parse(suggested)).isInstanceOf(ReferralCode.Parsed.Valid.class));
        }
    }

    @Test
    void nothingIsSuggestedWhenTheCodeCannotTell() {
        String twoLookAlikes = "O1" + CODE.value().substring(2);
        assertThat(CodeSuggestion.forTyped(twoLookAlikes)).isEmpty();
        assertThat(CodeSuggestion.forTyped(CODE.value().substring(0, 7))).isEmpty();
        assertThat(CodeSuggestion.forTyped(CODE.value() + "2")).isEmpty();
        assertThat(CodeSuggestion.forTyped("hello!")).isEmpty();
        assertThat(CodeSuggestion.forTyped("")).isEmpty();
        assertThat(CodeSuggestion.forTyped(null)).isEmpty();
        assertThat(CodeSuggestion.forTyped("ABC#EFGH")).isEmpty();
    }

    private static char other(char c) {
        String alphabet = ReferralCode.ALPHABET;
        return alphabet.charAt((alphabet.indexOf(c) + 1) % alphabet.length());
    }
}
