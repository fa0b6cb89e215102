package org.referralbridge.mapping.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.referralbridge.mapping.CoverageFacts;
import org.referralbridge.mapping.Datum;
import org.referralbridge.mapping.DryRun;
import org.referralbridge.mapping.EncounterFacts;
import org.referralbridge.mapping.ReferralEvidence;
import org.referralbridge.mapping.ReferrerDescription;
import org.referralbridge.mapping.ReferrerLookup;
import org.referralbridge.mapping.TraceStep;

/**
 * A dry run as plain maps and lists, keys in a fixed order: the one shape both the JSON and the text output print. An
 * absent optional value is left out.
 */
final class DryRunTree {

    private DryRunTree() {}

    static Map<String, Object> of(DryRunCommand.DryRunReport report) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("profile", report.profile().name());
        tree.put("profileSource", report.profile().sourceName());
        List<Object> results = new ArrayList<>();
        for (DryRunCommand.DryRunReport.Entry entry : report.entries()) {
            results.add(of(entry));
        }
        tree.put("results", results);
        tree.put("errors", report.errors());
        return tree;
    }

    private static Map<String, Object> of(DryRunCommand.DryRunReport.Entry entry) {
        DryRun run = entry.run();
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("input", entry.origin());
        tree.put("resourceType", run.resourceType());
        tree.put("resourceId", run.resourceId());
        run.evidence().ifPresent(evidence -> tree.put("evidence", evidence(evidence)));
        run.encounter().ifPresent(facts -> tree.put("encounter", encounter(facts)));
        run.coverage().ifPresent(facts -> tree.put("coverage", coverage(facts)));
        tree.put("lookups", run.lookups().stream().map(DryRunTree::lookup).toList());
        tree.put("trace", run.trace().stream().map(DryRunTree::step).toList());
        tree.put("notes", run.notes());
        return tree;
    }

    private static Map<String, Object> evidence(ReferralEvidence evidence) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("sourceResourceType", evidence.sourceResourceType());
        tree.put("sourceResourceId", evidence.sourceResourceId());
        tree.put("patientId", evidence.patientId());
        put(tree, "referralCode", evidence.referralCode());
        tree.put("channel", evidence.channel().code());
        put(tree, "referrerReference", evidence.referrerReference());
        evidence.referrerIdentifier()
                .ifPresent(id -> tree.put("referrerIdentifier", identifier(id.system(), id.value())));
        evidence.referrerDescription()
                .ifPresent(description -> tree.put("referrerDescription", description(description)));
        put(tree, "program", evidence.program());
        put(tree, "capturedAt", evidence.capturedAt());
        put(tree, "method", evidence.method());
        tree.put("unmappedChannels", data(evidence.unmappedChannels()));
        return tree;
    }

    private static Map<String, Object> encounter(EncounterFacts facts) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("encounterId", facts.encounterId());
        put(tree, "patientId", facts.patientId());
        put(tree, "status", facts.status());
        put(tree, "classCode", facts.classCode());
        put(tree, "serviceLine", facts.serviceLine());
        put(tree, "periodStart", facts.periodStart());
        put(tree, "periodEnd", facts.periodEnd());
        tree.put("unmappedServiceLines", data(facts.unmappedServiceLines()));
        return tree;
    }

    private static Map<String, Object> coverage(CoverageFacts facts) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("coverageId", facts.coverageId());
        put(tree, "beneficiaryPatientId", facts.beneficiaryPatientId());
        put(tree, "status", facts.status());
        tree.put(
                "federalPrograms",
                facts.federalPrograms().stream().map(Enum::name).sorted().toList());
        put(tree, "state", facts.state());
        put(tree, "periodStart", facts.periodStart());
        put(tree, "periodEnd", facts.periodEnd());
        return tree;
    }

    private static Map<String, Object> lookup(ReferrerLookup lookup) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (lookup instanceof ReferrerLookup.ByReferralCode byCode) {
            tree.put("strategy", "referral-code");
            tree.put("referralCode", byCode.referralCode());
        } else if (lookup instanceof ReferrerLookup.ByReference byReference) {
            tree.put("strategy", "referrer-reference");
            tree.put("reference", byReference.reference());
        } else if (lookup instanceof ReferrerLookup.ByIdentifier byIdentifier) {
            tree.put("strategy", "referrer-identifier");
            tree.putAll(identifier(byIdentifier.system(), byIdentifier.value()));
        } else if (lookup instanceof ReferrerLookup.ByDescription byDescription) {
            tree.put("strategy", "referrer-name");
            tree.put("description", description(byDescription.description()));
        }
        return tree;
    }

    private static Map<String, Object> step(TraceStep step) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("field", step.field());
        tree.put("expression", step.expression());
        tree.put("location", step.location());
        tree.put("values", step.values());
        return tree;
    }

    private static Map<String, Object> identifier(String system, String value) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (system != null) {
            tree.put("system", system);
        }
        tree.put("value", value);
        return tree;
    }

    private static Map<String, Object> description(ReferrerDescription description) {
        Map<String, Object> tree = new LinkedHashMap<>();
        put(tree, "text", description.text());
        put(tree, "given", description.given());
        put(tree, "family", description.family());
        put(tree, "birthDate", description.birthDate());
        put(tree, "phone", description.phone());
        put(tree, "email", description.email());
        return tree;
    }

    private static List<String> data(List<Datum> values) {
        return values.stream().map(Datum::toString).toList();
    }

    private static void put(Map<String, Object> tree, String key, Optional<?> value) {
        value.ifPresent(v -> tree.put(key, v.toString()));
    }
}
