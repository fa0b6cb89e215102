package org.referralbridge.server.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * A program's talking points: optional plain text in the program document, so stored programs written before they
 * existed read as they are (no migration), and checked like every other field.
 */
class ProgramTalkingPointsTests {

    private static final String PROGRAM = """
            key: spring-2027
            name: Spring referrals
            start: 2027-03-01
            rewards:
              - id: visit
                items:
                  - id: credit-10
                    kind: service-credit
                    retailValue: {value: 10, currency: USD}
            success:
              withinDays: 60
            """;

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final ProgramReading reading = new ProgramReading(mapper);

    @Test
    void areReadKeepingTheirLines() {
        ProgramDocument program = reading.fromYaml(
                PROGRAM + "talkingPoints: |\n  Mention the card at checkout.\n  A friend's first visit counts.\n",
                "spring.yaml");

        assertThat(program.talkingPoints())
                .isEqualTo("Mention the card at checkout.\nA friend's first visit counts.\n");
    }

    @Test
    void aStoredProgramWithoutThemReadsAsBefore() throws Exception {
        ProgramDocument program = reading.fromYaml(PROGRAM, "spring.yaml");
        String stored = mapper.writeValueAsString(program).replace(",\"talkingPoints\":null", "");
        assertThat(stored).doesNotContain("talkingPoints");

        assertThat(mapper.readValue(stored, ProgramDocument.class)).isEqualTo(program);
        assertThat(program.talkingPoints()).isNull();
    }

    @Test
    void htmlIsRefused() {
        assertThatThrownBy(() -> reading.fromYaml(PROGRAM + "talkingPoints: 'Say <b>hello</b>'\n", "spring.yaml"))
                .isInstanceOfSatisfying(
                        InvalidProgram.class,
                        invalid -> assertThat(invalid.problems())
                                .singleElement()
                                .satisfies(problem -> {
                                    assertThat(problem.field()).isEqualTo("talkingPoints");
                                    assertThat(problem.message()).contains("plain text only");
                                }));
        assertThat(reading.fromYaml(PROGRAM + "talkingPoints: 'Refer 3 or more friends: > 2 earns a tier'\n", "s")
                        .talkingPoints())
                .as("a lone angle bracket is plain text")
                .contains("> 2");
    }

    @Test
    void tooLongAreRefused() {
        String longText = "word ".repeat(ProgramCheck.MAX_TALKING_POINTS / 5 + 1);

        assertThatThrownBy(() -> reading.fromYaml(PROGRAM + "talkingPoints: '" + longText + "'\n", "spring.yaml"))
                .isInstanceOfSatisfying(
                        InvalidProgram.class,
                        invalid -> assertThat(invalid.problems())
                                .singleElement()
                                .satisfies(problem -> {
                                    assertThat(problem.field()).isEqualTo("talkingPoints");
                                    assertThat(problem.message()).startsWith("at most 2000 characters");
                                }));
    }
}
