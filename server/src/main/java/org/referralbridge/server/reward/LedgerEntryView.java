package org.referralbridge.server.reward;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.referralbridge.server.compliance.ComplianceOutcome;
import org.referralbridge.server.compliance.RewardKind;

/**
 * One ledger row as other modules see it.
 *
 * @param id the entry's id
 * @param kind earned, voided or correction
 * @param rewardRuleId the program's reward rule, or tier, that earned it
 * @param itemId the item given (for a void, the one taken back; for a correction, the one that now counts)
 * @param retailValue retail value of that item, in {@code currency}
 * @param currency always {@code USD}: the compliance caps count US dollars
 * @param outcome the compliance decision's outcome, allow or reduce
 * @param ruleIds the stable ids of the rules that decided it (for an allow, those checked)
 * @param rulesChecked the stable ids of every rule that applied
 * @param correctsEntryId for a void or a correction, the earned entry it changes; else null
 * @param reason staff's reason for a void or correction (no PHI); else null
 */
public record LedgerEntryView(
        UUID id,
        LedgerEntryKind kind,
        UUID referralId,
        String referrerPatientId,
        String referredPatientId,
        String programKey,
        String rewardRuleId,
        String itemId,
        RewardKind itemKind,
        BigDecimal retailValue,
        String currency,
        ComplianceOutcome outcome,
        List<String> ruleIds,
        List<String> rulesChecked,
        UUID correctsEntryId,
        String reason,
        Instant recordedAt,
        String recordedBy) {

    public LedgerEntryView {
        ruleIds = List.copyOf(ruleIds);
        rulesChecked = List.copyOf(rulesChecked);
    }
}
