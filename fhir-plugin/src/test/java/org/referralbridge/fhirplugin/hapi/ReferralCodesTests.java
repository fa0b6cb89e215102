package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferralCodesTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ABCD-EFGH|ABCD-EFGH",
                "abcd efgh|ABCD-EFGH",
                "abcdefgh|ABCD-EFGH",
                "Abcd-Efgh|ABCD-EFGH",
                "'  ab cd - ef gh  '|ABCD-EFGH",
                "AB-CD-EF-GH|ABCD-EFGH",
                "abcd\tefgh|ABCD-EFGH"
            })
    void readsCodesAsPeopleTypeThem(String typed, String normalized) {
        assertThat(ReferralCodes.normalize(typed)).contains(normalized);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"abc|ABC", "abcd-efghi|ABCDEFGHI", "a-b|AB"})
    void leavesCodesOfOtherLengthsWithoutHyphen(String typed, String normalized) {
        assertThat(ReferralCodes.normalize(typed)).contains(normalized);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", " - - "})
    void hasNoCodeForNothingTyped(String typed) {
        assertThat(ReferralCodes.normalize(typed)).isEmpty();
    }
}
