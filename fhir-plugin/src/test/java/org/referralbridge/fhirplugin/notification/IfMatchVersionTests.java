package org.referralbridge.fhirplugin.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IfMatchVersionTests {

    @Test
    void readsTheVersionOfAWeakEntityTagAsHapiSendsIt() {
        assertThat(IfMatchVersion.parse("W/\"3\"")).contains("3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "3", " W/\"3\" ", "w/\"3\""})
    void toleratesTagsWithoutWeakMarkerQuotesOrWithSpaces(String header) {
        assertThat(IfMatchVersion.parse(header)).contains("3");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"*", "W/\"\"", "W/\"3 4\"", "W/\"<script>\""})
    void hasNoVersionWhenTheHeaderIsAbsentOrUnreadable(String header) {
        assertThat(IfMatchVersion.parse(header)).isEmpty();
    }
}
