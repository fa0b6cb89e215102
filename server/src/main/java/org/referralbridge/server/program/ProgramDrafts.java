package org.referralbridge.server.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Checks a program document that is not stored yet, the same way {@link ProgramCatalog} checks it before storing, so
 * that the staff app's editor can show every problem (and what compliance makes of the rewards) before saving.
 */
@Service
public class ProgramDrafts {

    private final ProgramReading reading;

    ProgramDrafts(ObjectMapper mapper) {
        this.reading = new ProgramReading(mapper);
    }

    /** The draft read and checked: the program when it has no problems, else every problem with its field. */
    public Checked check(JsonNode document) {
        try {
            return new Checked(Optional.of(reading.fromJson(document)), List.of());
        } catch (InvalidProgram invalid) {
            return new Checked(Optional.empty(), invalid.problems());
        }
    }

    /** The reward kinds an item may have, e.g. {@code cash-equivalent}, in alphabetical order. */
    public List<String> rewardKinds() {
        return ProgramCheck.KINDS.stream().sorted().toList();
    }

    /** The periods tiers and limits may count in, e.g. {@code calendar-year}. */
    public List<String> periods() {
        return ProgramCheck.PERIODS.stream().sorted().toList();
    }

    /** The longest talking points a program may have, in characters. */
    public int maxTalkingPoints() {
        return ProgramCheck.MAX_TALKING_POINTS;
    }

    /**
     * @param program the checked program, when it has no problems
     * @param problems every problem, each with its field path such as {@code rewards[0].items[1].retailValue}
     */
    public record Checked(Optional<ProgramDocument> program, List<ProgramProblem> problems) {}
}
