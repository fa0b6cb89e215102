package org.referralbridge.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTests {

    @Test
    void fieldsWithACommaQuoteOrLineEndAreQuotedAndQuotesDoubled() {
        String csv = Csv.of(
                List.of("name", "value"),
                List.of(
                        Arrays.asList("plain", 3),
                        Arrays.asList("a, b", new BigDecimal("0.5000")),
                        Arrays.asList("say \"hi\"", null),
                        Arrays.asList("two\nlines", -2)));

        assertThat(csv)
                .isEqualTo("name,value\r\n"
                        + "plain,3\r\n"
                        + "\"a, b\",0.5000\r\n"
                        + "\"say \"\"hi\"\"\",\r\n"
                        + "\"two\nlines\",-2\r\n");
    }

    @Test
    void aTextThatASpreadsheetWouldRunAsAFormulaStaysText() {
        assertThat(Csv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.field("@sum")).isEqualTo("\"'@sum\"");
        assertThat(Csv.field("-1.5")).isEqualTo("-1.5");
    }

    @Test
    void csvIsChosenOnlyWhenTheCallerPrefersIt() {
        assertThat(ReportsController.csv("text/csv")).isTrue();
        assertThat(ReportsController.csv("text/csv, application/json;q=0.5")).isTrue();
        assertThat(ReportsController.csv("application/json")).isFalse();
        assertThat(ReportsController.csv("*/*")).isFalse();
        assertThat(ReportsController.csv(null)).isFalse();
        assertThat(ReportsController.csv("not a type")).isFalse();
    }
}
