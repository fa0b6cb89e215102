package org.referralbridge.server.reward;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.referralbridge.server.compliance.RewardItem;
import org.referralbridge.server.program.ProgramDocument;

/** A program's reward items as the compliance engine reads them. */
final class ProgramItems {

    private ProgramItems() {}

    /** Every item of the program's reward rules, once each (the items a reduce may pick from). */
    static List<RewardItem> of(ProgramDocument program) {
        return program.rewards().stream()
                .flatMap(rule -> rule.items().stream())
                .map(item -> item(program, item))
                .distinct()
                .toList();
    }

    static Optional<ProgramDocument.RewardItem> find(ProgramDocument program, String itemId) {
        return program.rewards().stream()
                .flatMap(rule -> rule.items().stream())
                .filter(item -> item.id().equals(itemId))
                .findFirst();
    }

    static RewardItem item(ProgramDocument program, ProgramDocument.RewardItem item) {
        BigDecimal value = item.retailValue() == null || item.retailValue().value() == null
                ? BigDecimal.ZERO
                : item.retailValue().value();
        return new RewardItem(program.key(), item.id(), RewardKinds.of(item.kind()), value);
    }
}
