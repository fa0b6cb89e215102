package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferralCodeTests {

    private final Random random = new Random(42);

    @Test
    void generatesCodesWithoutLookAlikeCharactersThatParseBack() {
        for (int i = 0; i < 1_000; i++) {
            ReferralCode code = ReferralCode.generate(random);
            assertThat(code.value()).hasSize(8).doesNotContainPattern("[01ILOU]");
            assertThat(code.display()).matches("[2-9A-Z]{4}-[2-9A-Z]{4}");
            assertThat(ReferralCode.parse(code.display())).isEqualTo(new ReferralCode.Parsed.Valid(code.value()));
        }
    }

    @Test
    void readsCodesWhateverTheCaseSpacesAndHyphens() {
        ReferralCode code = ReferralCode.generate(random);
        String typed = " " + code.value().substring(0, 3).toLowerCase() + " -"
                + code.value().substring(3) + " ";
        assertThat(ReferralCode.parse(typed)).isEqualTo(new ReferralCode.Parsed.Valid(code.value()));
    }

    @Test
    void catchesEverySingleMistypedCharacter() {
        for (int n = 0; n < 200; n++) {
            String value = ReferralCode.generate(random).value();
            for (int position = 0; position < value.length(); position++) {
                for (char replacement : ReferralCode.ALPHABET.toCharArray()) {
                    if (replacement == value.charAt(position)) {
                        continue;
                    }
                    String typo = value.substring(0, position) + replacement + value.substring(position + 1);
                    assertThat(ReferralCode.parse(typo)).isInstanceOf(ReferralCode.Parsed.BadCheckCharacter.class);
                }
            }
        }
    }

    @Test
    void catchesAlmostAllSwapsOfNeighbours() {
        int swaps = 0;
        int caught = 0;
        for (int n = 0; n < 2_000; n++) {
            String value = ReferralCode.generate(random).value();
            for (int i = 0; i < value.length() - 1; i++) {
                if (value.charAt(i) == value.charAt(i + 1)) {
                    continue;
                }
                String swapped = value.substring(0, i) + value.charAt(i + 1) + value.charAt(i) + value.substring(i + 2);
                swaps++;
                if (!(ReferralCode.parse(swapped) instanceof ReferralCode.Parsed.Valid)) {
                    caught++;
                }
            }
        }
        // Luhn mod N misses only swaps of two characters whose values add up to N-1, about 1 in 30
        assertThat((double) caught / swaps).isGreaterThan(0.95);
    }

    @Test
    void tellsMalformedFromMistyped() {
        assertThat(ReferralCode.parse("ABC")).isInstanceOf(ReferralCode.Parsed.Malformed.class);
        assertThat(ReferralCode.parse("O0O0-1I1L")).isInstanceOf(ReferralCode.Parsed.Malformed.class);
        assertThat(ReferralCode.parse(null)).isInstanceOf(ReferralCode.Parsed.Malformed.class);
        assertThatThrownBy(() -> new ReferralCode("ABCD-EFGH2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalizesWithoutJudging() {
        assertThat(ReferralCode.normalize(" ab-cd\tef gh ")).isEqualTo("ABCDEFGH");
        assertThat(ReferralCode.normalize("59th nyk3")).isEqualTo("59THNYK3");
        assertThat(ReferralCode.normalize(" - ")).isEmpty();
    }

    @Test
    void displaysTheFormFhirResourcesCarry() {
        ReferralCode code = new ReferralCode("k7qm 2xh" + ReferralCode.checkCharacter("K7QM2XH"));

        assertThat(code.display()).isEqualTo("K7QM-2XH" + ReferralCode.checkCharacter("K7QM2XH"));
        assertThat(code.value()).isEqualTo("K7QM2XH" + ReferralCode.checkCharacter("K7QM2XH"));
        assertThat(code).hasToString(code.display());
        assertThat(new ReferralCode(code.display())).isEqualTo(code);
    }

    @Test
    void computesCheckCharactersOnlyOverTheAlphabet() {
        assertThatThrownBy(() -> ReferralCode.checkCharacter("ABCDEF0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rarelyRepeatsACode() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(ReferralCode.generate(random).value());
        }
        assertThat(seen).hasSizeGreaterThan(99_990);
    }
}
