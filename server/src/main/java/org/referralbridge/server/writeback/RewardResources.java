package org.referralbridge.server.writeback;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.Compliance;
import org.referralbridge.conformance.Canonicals.ReferralReward;
import org.referralbridge.conformance.Canonicals.RewardDecision;
import org.referralbridge.server.reward.RewardStatus;

/**
 * A reward as the EHR shows it: its ReferralReward (a Basic), built from one revision of it (its Tasks are in {@link
 * RewardTasks}). It is our own resource, yet a change keeps what else the EHR or its staff put on it (an author,
 * other identifiers and extensions): only our parts are set. The revision goes into the Basic's {@code referral-reward-revision}
 * extension, and a Basic showing a newer revision is never changed.
 */
final class RewardResources {

    private static final Map<String, String> STATUS_DISPLAY = Map.of(
            "earned", "Earned",
            "held", "Held",
            "awaiting-approval", "Awaiting approval",
            "approved", "Approved",
            "issued", "Issued",
            "voided", "Voided",
            "blocked", "Blocked");
    private static final Map<String, String> KIND_DISPLAY = Map.of(
            "cash", "Cash",
            "cash-equivalent", "Cash equivalent",
            "in-kind", "In-kind gift",
            "service-credit", "Service credit",
            "donation", "Charitable donation",
            "recognition", "Recognition");
    private static final Map<String, String> OUTCOME_DISPLAY =
            Map.of("allow", "Allow", "reduce", "Reduce", "thank-you-only", "Thank-you only", "block", "Block");

    private RewardResources() {}

    /** @throws IllegalArgumentException for a code that is no reward status (without the code: it may be anything) */
    static RewardStatus status(String code) {
        for (RewardStatus status : RewardStatus.values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status is no reward status");
    }

    /** {@code identifier=<system>|<reward id>}: the If-None-Exist of the Basic, and its search. */
    static String basicQuery(RewardPayload reward) {
        return "identifier=" + ReferralReward.IDENTIFIER_SYSTEM + "|" + reward.rewardId();
    }

    /** The Basic for a reward the EHR does not show yet. */
    static Basic newBasic(RewardPayload reward) {
        Basic basic = new Basic();
        basic.getMeta().addProfile(ReferralReward.URL);
        basic.setCreatedElement(day(reward.changedAt()));
        apply(basic, reward);
        return basic;
    }

    /**
     * Sets our parts of the Basic to this revision, unless it shows a newer one.
     *
     * @return false when nothing changed: the Basic shows a newer revision, or already shows this one as it is
     */
    static boolean apply(Basic basic, RewardPayload reward) {
        if (revision(basic).filter(shown -> shown > reward.revision()).isPresent()) {
            return false;
        }
        Basic before = basic.copy();
        setIdentity(basic, reward);
        basic.setText(narrative(reward));
        setParts(basic, reward);
        return !before.equalsDeep(basic);
    }

    /** Profile, identifier, code, subject and created: what makes the Basic our reward's. */
    private static void setIdentity(Basic basic, RewardPayload reward) {
        if (!basic.getMeta().hasProfile(ReferralReward.URL)) {
            basic.getMeta().addProfile(ReferralReward.URL);
        }
        List<Identifier> ours = basic.getIdentifier().stream()
                .filter(identifier -> ReferralReward.IDENTIFIER_SYSTEM.equals(identifier.getSystem()))
                .toList();
        if (ours.size() != 1 || !reward.rewardId().toString().equals(ours.get(0).getValue())) {
            basic.getIdentifier().removeAll(ours);
            basic.getIdentifier()
                    .add(
                            0,
                            new Identifier()
                                    .setSystem(ReferralReward.IDENTIFIER_SYSTEM)
                                    .setValue(reward.rewardId().toString()));
        }
        boolean coded = basic.getCode().getCoding().stream()
                .anyMatch(coding -> Canonicals.RESOURCE_KIND_CODE_SYSTEM.equals(coding.getSystem())
                        && ReferralReward.CODE.equals(coding.getCode()));
        if (!coded) {
            basic.getCode()
                    .addCoding(
                            new Coding(Canonicals.RESOURCE_KIND_CODE_SYSTEM, ReferralReward.CODE, "Referral reward"));
        }
        basic.setSubject(new Reference("Patient/" + reward.referrerPatientId()));
        if (!basic.hasCreated()) {
            basic.setCreatedElement(day(reward.changedAt()));
        }
    }

    /** The profile's extensions, and the revision. */
    private static void setParts(Basic basic, RewardPayload reward) {
        set(
                basic,
                ReferralReward.REFERRAL,
                new Identifier()
                        .setSystem(ReferralReward.REFERRAL_SYSTEM)
                        .setValue(reward.referralId().toString()));
        set(basic, ReferralReward.REFERRED_PATIENT, new Reference("Patient/" + reward.referredPatientId()));
        set(basic, ReferralReward.PROGRAM, new StringType(reward.programKey()));
        set(
                basic,
                ReferralReward.STATUS,
                new Coding(ReferralReward.STATUS_CODE_SYSTEM, reward.status(), STATUS_DISPLAY.get(reward.status())));
        if (!showsRetailValue(basic, reward.retailValue())) {
            set(
                    basic,
                    ReferralReward.RETAIL_VALUE,
                    new Money().setValue(reward.retailValue()).setCurrency(ReferralReward.CURRENCY));
        }
        set(
                basic,
                ReferralReward.KIND,
                new Coding(ReferralReward.KIND_CODE_SYSTEM, reward.itemKind(), KIND_DISPLAY.get(reward.itemKind())));
        setExtension(basic, decision(reward));
        set(basic, ReferralReward.REVISION, new PositiveIntType(Math.toIntExact(reward.revision())));
    }

    /** Whether the Basic shows this amount in USD once, whatever its scale ({@code 10.0} is {@code 10.00}). */
    private static boolean showsRetailValue(Basic basic, BigDecimal value) {
        List<Extension> shown = basic.getExtensionsByUrl(ReferralReward.RETAIL_VALUE);
        return shown.size() == 1
                && shown.get(0).getValue() instanceof Money money
                && ReferralReward.CURRENCY.equals(money.getCurrency())
                && !money.hasExtension()
                && money.hasValue()
                && money.getValue().compareTo(value) == 0;
    }

    /** The revision the Basic shows, if it shows one. */
    static Optional<Long> revision(Basic basic) {
        Extension extension = basic.getExtensionByUrl(ReferralReward.REVISION);
        if (extension != null && extension.getValue() instanceof PositiveIntType revision && revision.hasValue()) {
            return Optional.of(revision.getValue().longValue());
        }
        return Optional.empty();
    }

    /** The status the Basic shows, if it shows a reward status. */
    static Optional<RewardStatus> shownStatus(Basic basic) {
        Extension extension = basic.getExtensionByUrl(ReferralReward.STATUS);
        if (extension != null && extension.getValue() instanceof Coding coding) {
            try {
                return Optional.of(status(coding.getCode()));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Extension decision(RewardPayload reward) {
        Extension decision = new Extension(RewardDecision.URL);
        decision.addExtension(
                RewardDecision.OUTCOME,
                new Coding(Compliance.DECISION_CODE_SYSTEM, reward.outcome(), OUTCOME_DISPLAY.get(reward.outcome())));
        for (String rule : reward.rules()) {
            decision.addExtension(RewardDecision.RULE, new Coding(Compliance.RULE_CODE_SYSTEM, rule, null));
        }
        for (String reason : reward.reasonTexts()) {
            decision.addExtension(RewardDecision.REASON, new StringType(reason));
        }
        return decision;
    }

    /** Staff read this first; ids and amounts only, no names (the EHR shows whose reward it is by reference). */
    private static Narrative narrative(RewardPayload reward) {
        String text = "Referral reward: " + money(reward.retailValue()) + " "
                + KIND_DISPLAY
                        .getOrDefault(reward.itemKind(), reward.itemKind())
                        .toLowerCase(java.util.Locale.ROOT)
                + " (program " + reward.programKey() + "), "
                + STATUS_DISPLAY.getOrDefault(reward.status(), reward.status()).toLowerCase(java.util.Locale.ROOT)
                + "; compliance decision: " + reward.outcome() + ".";
        Narrative narrative = new Narrative();
        narrative.setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + escape(text) + "</div>");
        return narrative;
    }

    private static String money(BigDecimal value) {
        return "USD " + value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static DateType day(java.time.Instant instant) {
        return new DateType(instant.atZone(ZoneOffset.UTC).toLocalDate().toString());
    }

    private static void set(DomainResource resource, String url, org.hl7.fhir.r4.model.Type value) {
        setExtension(resource, new Extension(url, value));
    }

    /** Puts the extension in the place of the first one with its URL (dropping any others), or at the end. */
    private static void setExtension(DomainResource resource, Extension extension) {
        List<Extension> extensions = resource.getExtension();
        int first = -1;
        for (int i = extensions.size() - 1; i >= 0; i--) {
            if (extension.getUrl().equals(extensions.get(i).getUrl())) {
                if (first != -1) {
                    extensions.remove(first);
                }
                first = i;
            }
        }
        if (first == -1) {
            extensions.add(extension);
        } else if (!extensions.get(first).equalsDeep(extension)) {
            extensions.set(first, extension);
        }
    }
}
