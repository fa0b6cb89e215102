package org.referralbridge.server.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A program file is read strictly and checked as a whole: every problem with its line and field. */
class ProgramReadingTests {

    private static final String VALID = """
            key: spring-2027
            name: Spring referrals
            start: 2027-03-01
            end: 2027-05-31
            rewards:
              - id: visit
                items:
                  - id: credit-10
                    kind: service-credit
                    retailValue: {value: 10, currency: USD}
            success:
              withinDays: 60
            """;

    private final ProgramReading reading = new ProgramReading(new ObjectMapper().findAndRegisterModules());

    @Test
    void readsTheShippedExampleProgram() throws IOException {
        ProgramDocument program = reading.fromYaml(
                Files.readString(Path.of("src/test/resources/programs/friends-and-family.yaml")),
                "friends-and-family.yaml");

        assertThat(program.key()).isEqualTo("friends-and-family");
        assertThat(program.defaultProgram()).isTrue();
        assertThat(program.rewards().get(0).items())
                .extracting(ProgramDocument.RewardItem::kind)
                .containsExactly("service-credit", "donation", "recognition");
        assertThat(program.rewards().get(0).items().get(0).retailValue().value())
                .isEqualByComparingTo("15.00");
        assertThat(program.tiers()).extracting(ProgramDocument.Tier::threshold).containsExactly(1, 3);
        assertThat(program.success().withinDays()).isEqualTo(90);
        assertThat(program.activeOn(LocalDate.parse("2026-12-02"))).isTrue();
    }

    @Test
    void readsAValidProgram() {
        ProgramDocument program = reading.fromYaml(VALID, "spring.yaml");

        assertThat(program.end()).isEqualTo(LocalDate.parse("2027-05-31"));
        assertThat(program.defaultProgram()).isFalse();
        assertThat(program.rewards().get(0).items().get(0).retailValue().value())
                .isEqualByComparingTo(BigDecimal.TEN);
    }

    static List<Arguments> brokenPrograms() {
        return List.of(
                broken("key: spring-2027", "key: Spring 2027", 1, "key", "lower-case"),
                broken("name: Spring referrals", "name: ''", 2, "name", "required"),
                broken("end: 2027-05-31", "end: 2027-02-01", 4, "end", "is before start"),
                broken("start: 2027-03-01", "start: next spring", 3, "start", "wrong type"),
                broken("kind: service-credit", "kind: gift-card", 9, "rewards[0].items[0].kind", "must be one of"),
                broken("currency: USD}", "currency: EUR}", 10, "rewards[0].items[0].retailValue.currency", "USD"),
                broken("{value: 10,", "{value: -5,", 10, "rewards[0].items[0].retailValue.value", "negative"),
                broken("{value: 10,", "{value: 10.005,", 10, "rewards[0].items[0].retailValue.value", "two decimals"),
                broken(
                        "kind: service-credit",
                        "kind: recognition",
                        10,
                        "rewards[0].items[0].retailValue.value",
                        "recognition has no retail value"),
                broken(
                        "kind: service-credit",
                        "kind: donation",
                        8,
                        "rewards[0].items[0].charities",
                        "names the charities"),
                broken("withinDays: 60", "withinDays: 0", 12, "success.withinDays", "from 1 to"),
                broken("success:\n  withinDays: 60\n", "", 1, "success.withinDays", "required"),
                broken("name: Spring referrals", "name: Spring referrals\nname: Again", 3, "name", "appears twice"),
                broken("end: 2027-05-31", "end: 2027-05-31\nbudget: 500", 5, "budget", "no such key"),
                broken(
                        "success:",
                        "tiers:\n  - {threshold: 2, period: fortnight, item: credit-10}\nsuccess:",
                        12,
                        "tiers[0].period",
                        "must be one of"),
                broken(
                        "success:",
                        "tiers:\n  - {threshold: 2, period: calendar-year, item: credit-99}\nsuccess:",
                        12,
                        "tiers[0].item",
                        "credit-10"),
                broken("success:", "holdDays: 400\nsuccess:", 11, "holdDays", "0 to 365"),
                broken("success:", "limits: {period: calendar-year}\nsuccess:", 11, "limits.maxRewards", "at least 1"));
    }

    private static Arguments broken(String original, String replacement, int line, String field, String message) {
        if (!VALID.contains(original)) {
            throw new IllegalArgumentException("not in the valid program: " + original);
        }
        return Arguments.of(VALID.replace(original, replacement), line, field, message);
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("brokenPrograms")
    void aBrokenProgramIsRefusedNamingLineAndField(String yaml, int line, String field, String message) {
        assertThatThrownBy(() -> reading.fromYaml(yaml, "spring.yaml"))
                .isInstanceOf(InvalidProgram.class)
                .satisfies(thrown -> assertThat(((InvalidProgram) thrown).problems())
                        .anySatisfy(problem -> {
                            assertThat(problem.source()).isEqualTo("spring.yaml");
                            assertThat(problem.field()).isEqualTo(field);
                            assertThat(problem.line()).isEqualTo(line);
                            assertThat(problem.message()).contains(message);
                        }));
    }

    @Test
    void everyProblemOfAProgramIsListedAtOnce() {
        String yaml = VALID.replace("key: spring-2027", "key: ''")
                .replace("currency: USD}", "currency: EUR}")
                .replace("withinDays: 60", "withinDays: 9999");

        assertThatThrownBy(() -> reading.fromYaml(yaml, "spring.yaml"))
                .isInstanceOf(InvalidProgram.class)
                .satisfies(thrown -> assertThat(((InvalidProgram) thrown).problems())
                        .extracting(ProgramProblem::field)
                        .containsExactly("key", "rewards[0].items[0].retailValue.currency", "success.withinDays"));
    }

    @Test
    void yamlThatIsNotAProgramSaysSo() {
        assertThatThrownBy(() -> reading.fromYaml("- just\n- a list\n", "list.yaml"))
                .isInstanceOf(InvalidProgram.class)
                .hasMessageContaining("a program is an object");
        assertThatThrownBy(() -> reading.fromYaml("key: [unclosed\n", "bad.yaml"))
                .isInstanceOf(InvalidProgram.class)
                .hasMessageContaining("not valid YAML");
    }
}
