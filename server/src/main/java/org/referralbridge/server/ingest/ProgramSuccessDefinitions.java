package org.referralbridge.server.ingest;

import java.util.Optional;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.program.ProgramDocument;
import org.referralbridge.server.program.ProgramView;
import org.referralbridge.server.referral.SuccessDefinition;
import org.referralbridge.server.referral.SuccessDefinitions;
import org.springframework.stereotype.Component;

/**
 * The success definition of the program that applies today, for the referral module: the default active program,
 * else the first active one; or the program a referral's evidence names. Translated here so that the
 * referral module does not depend on the program module's types.
 */
@Component
class ProgramSuccessDefinitions implements SuccessDefinitions {

    private final ProgramCatalog programs;

    ProgramSuccessDefinitions(ProgramCatalog programs) {
        this.programs = programs;
    }

    @Override
    public Optional<SuccessDefinition> current() {
        return programs.activeToday().stream()
                .map(ProgramView::program)
                .filter(program ->
                        program.success() != null && program.success().withinDays() != null)
                .findFirst()
                .map(ProgramSuccessDefinitions::definition);
    }

    @Override
    public Optional<SuccessDefinition> forProgram(String programKey) {
        if (programKey == null) {
            return current();
        }
        return programs.program(programKey)
                .map(ProgramView::program)
                .filter(program ->
                        program.success() != null && program.success().withinDays() != null)
                .map(ProgramSuccessDefinitions::definition)
                .or(this::current);
    }

    private static SuccessDefinition definition(ProgramDocument program) {
        ProgramDocument.Success success = program.success();
        return new SuccessDefinition(program.key(), success.withinDays(), success.classCodes(), success.serviceLines());
    }
}
