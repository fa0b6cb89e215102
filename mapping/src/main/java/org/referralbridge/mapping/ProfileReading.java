package org.referralbridge.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.referralbridge.mapping.MappingProfile.Expression;
import org.referralbridge.mapping.MappingProfile.FhirPaths;

/**
 * Turns a profile's YAML tree into a {@link MappingProfile}, recording every problem on the way. When any problem was
 * recorded the returned profile is incomplete and must be thrown away (see {@link Problems#throwIfAny}).
 */
final class ProfileReading {

    static final int FORMAT_VERSION = 1;

    /** The keys of an evidence section whose values make evidence; a section needs at least one. */
    private static final List<String> EVIDENCE_KEYS = List.of(
            "referralCode",
            "channel",
            "referrer",
            "referrerIdentifier",
            "referrerName",
            "referrerGiven",
            "referrerFamily",
            "referrerBirthDate",
            "referrerPhone",
            "referrerEmail");

    private static final String EXTENDS_HINT =
            "write it, or add 'extends: default' to inherit it from the default profile";

    private final FhirPathCheck fhirPathCheck;
    private final Problems problems;

    ProfileReading(FhirPathCheck fhirPathCheck, Problems problems) {
        this.fhirPathCheck = fhirPathCheck;
        this.problems = problems;
    }

    MappingProfile read(YamlNode.Mapping root, String sourceName) {
        ProfileKeys top = new ProfileKeys(root, "", problems);
        formatVersion(top);
        String name = top.text("name", true, "a short name for this profile, e.g. acme-epic")
                .map(ProfileKeys.Located::value)
                .orElse("?");
        Optional<String> description = top.text("description", false, "").map(ProfileKeys.Located::value);
        top.value("extends"); // checked before the merge, see MappingProfiles
        Optional<MappingProfile.Evidence> patient = evidence(top, "patient", "Patient");
        Optional<MappingProfile.Evidence> questionnaire =
                evidence(top, "questionnaireResponse", "QuestionnaireResponse");
        if (patient.isEmpty()
                && questionnaire.isEmpty()
                && top.value("patient") == null
                && top.value("questionnaireResponse") == null) {
            top.problem(
                    root.mark(),
                    "patient",
                    "missing required section: a profile needs a patient or a questionnaireResponse section; "
                            + EXTENDS_HINT);
        }
        MappingProfile.Encounter encounter = encounter(top);
        MappingProfile.Coverage coverage = coverage(top);
        ReferrerMatching matching = ReferrerMatchingReading.read(top, ReferrerMatchingReading.evidenceKeys(root));
        WriteBackTargets writeBack = WriteBackReading.read(top);
        List<String> precedence = PrecedenceReading.read(top);
        ConsentRecognition consent = ConsentReading.read(top);
        top.reportUnknownKeys();
        return new MappingProfile(
                name,
                description,
                sourceName,
                patient,
                questionnaire,
                encounter,
                coverage,
                matching,
                writeBack,
                precedence,
                consent);
    }

    private void formatVersion(ProfileKeys top) {
        top.text("formatVersion", true, "write 'formatVersion: " + FORMAT_VERSION + "'")
                .filter(version -> !version.value().equals(String.valueOf(FORMAT_VERSION)))
                .ifPresent(version -> top.problem(
                        version.mark(),
                        version.path(),
                        "unsupported format version '%s'; this release reads version %d"
                                .formatted(version.value(), FORMAT_VERSION)));
    }

    private Optional<MappingProfile.Evidence> evidence(ProfileKeys top, String key, String resourceType) {
        Optional<ProfileKeys> found = top.section(key, false, "");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ProfileKeys section = found.get();
        boolean questionnaire = resourceType.equals("QuestionnaireResponse");
        FhirPaths patient = questionnaire
                ? paths(section, "patient", resourceType, true, "e.g. 'patient: subject'")
                : FhirPaths.NONE;
        List<String> questionnaires = questionnaire
                ? section.texts("questionnaires").stream()
                        .filter(section::absoluteUrl)
                        .map(ProfileKeys.Located::value)
                        .toList()
                : List.of();
        FhirPaths referralCode = paths(section, "referralCode", resourceType, false, "");
        FhirPaths channel = paths(section, "channel", resourceType, false, "");
        CodeMap channelMap = codeMap(section, "channelMap", ProfileReading::channelProblem);
        ReferralChannel channelDefault = section.text("channelDefault", false, "")
                .flatMap(code -> channel(section, code))
                .orElse(ReferralChannel.OTHER);
        FhirPaths referrer = paths(section, "referrer", resourceType, false, "");
        FhirPaths program = paths(section, "program", resourceType, false, "");
        FhirPaths capturedDate = paths(section, "capturedDate", resourceType, false, "");
        FhirPaths method = paths(section, "method", resourceType, false, "");
        MappingProfile.ReferrerDetails referrerDetails = referrerDetails(section, resourceType);
        if (EVIDENCE_KEYS.stream().allMatch(field -> section.value(field) == null)) {
            section.problem(
                    section.mark(),
                    Problems.child(key, "referralCode"),
                    "missing required field: the section needs at least one of " + String.join(", ", EVIDENCE_KEYS));
        }
        section.reportUnknownKeys();
        return Optional.of(new MappingProfile.Evidence(
                resourceType,
                patient,
                questionnaires,
                referralCode,
                channel,
                channelMap,
                channelDefault,
                referrer,
                program,
                capturedDate,
                method,
                referrerDetails));
    }

    private MappingProfile.ReferrerDetails referrerDetails(ProfileKeys section, String resourceType) {
        FhirPaths identifier = paths(section, "referrerIdentifier", resourceType, false, "");
        Optional<String> identifierSystem = section.text("referrerIdentifierSystem", false, "")
                .filter(section::absoluteUrl)
                .map(system -> {
                    if (section.value("referrerIdentifier") == null) {
                        section.problem(
                                system.mark(),
                                system.path(),
                                "has no effect without referrerIdentifier; write both or neither");
                    }
                    return system.value();
                });
        return new MappingProfile.ReferrerDetails(
                identifier,
                identifierSystem,
                paths(section, "referrerName", resourceType, false, ""),
                paths(section, "referrerGiven", resourceType, false, ""),
                paths(section, "referrerFamily", resourceType, false, ""),
                paths(section, "referrerBirthDate", resourceType, false, ""),
                paths(section, "referrerPhone", resourceType, false, ""),
                paths(section, "referrerEmail", resourceType, false, ""));
    }

    private MappingProfile.Encounter encounter(ProfileKeys top) {
        Optional<ProfileKeys> found = top.section("encounter", true, EXTENDS_HINT);
        if (found.isEmpty()) {
            return new MappingProfile.Encounter(
                    FhirPaths.NONE,
                    FhirPaths.NONE,
                    FhirPaths.NONE,
                    FhirPaths.NONE,
                    CodeMap.EMPTY,
                    Optional.empty(),
                    FhirPaths.NONE,
                    FhirPaths.NONE);
        }
        ProfileKeys section = found.get();
        String type = "Encounter";
        MappingProfile.Encounter encounter = new MappingProfile.Encounter(
                paths(section, "patient", type, true, "e.g. 'patient: subject'"),
                paths(section, "status", type, true, "e.g. 'status: status'"),
                paths(section, "classCode", type, false, ""),
                paths(section, "serviceLine", type, false, ""),
                codeMap(section, "serviceLineMap", target -> Optional.empty()),
                section.text("serviceLineDefault", false, "").map(ProfileKeys.Located::value),
                paths(section, "periodStart", type, false, ""),
                paths(section, "periodEnd", type, false, ""));
        section.reportUnknownKeys();
        return encounter;
    }

    private MappingProfile.Coverage coverage(ProfileKeys top) {
        Optional<ProfileKeys> found = top.section("coverage", true, EXTENDS_HINT);
        if (found.isEmpty()) {
            return new MappingProfile.Coverage(
                    FhirPaths.NONE,
                    FhirPaths.NONE,
                    FhirPaths.NONE,
                    FhirPaths.NONE,
                    FhirPaths.NONE,
                    FhirPaths.NONE,
                    Map.of());
        }
        ProfileKeys section = found.get();
        String type = "Coverage";
        MappingProfile.Coverage coverage = new MappingProfile.Coverage(
                paths(section, "beneficiary", type, true, "e.g. 'beneficiary: beneficiary'"),
                paths(section, "status", type, false, ""),
                paths(section, "periodStart", type, false, ""),
                paths(section, "periodEnd", type, false, ""),
                paths(section, "state", type, false, ""),
                paths(section, "payerCodes", type, true, "where payer codes are, e.g. 'payerCodes: [type.coding]'"),
                federalPrograms(section));
        section.reportUnknownKeys();
        return coverage;
    }

    private Map<FederalProgram, List<PayerCodePattern>> federalPrograms(ProfileKeys coverage) {
        Optional<ProfileKeys> found = coverage.section(
                "federalPrograms", true, "the payer codes that mean Medicare, Medicaid, TRICARE or CHIP");
        Map<FederalProgram, List<PayerCodePattern>> programs = new EnumMap<>(FederalProgram.class);
        found.ifPresent(section -> {
            int entries = 0;
            for (FederalProgram program : FederalProgram.values()) {
                List<PayerCodePattern> patterns = new ArrayList<>();
                for (ProfileKeys.Located entry : section.texts(program.profileKey())) {
                    entries++;
                    PayerCodePattern.problemWith(entry.value())
                            .ifPresentOrElse(
                                    problem -> section.problem(entry.mark(), entry.path(), problem),
                                    () -> patterns.add(PayerCodePattern.parse(entry.value())));
                }
                programs.put(program, List.copyOf(patterns));
            }
            if (entries == 0) {
                section.problem(
                        section.mark(),
                        coverage.pathOf("federalPrograms"),
                        "lists no payer codes; name at least one for medicare, medicaid, tricare, chip or otherFederal");
            }
            section.reportUnknownKeys();
        });
        return programs;
    }

    private FhirPaths paths(ProfileKeys section, String key, String resourceType, boolean required, String hint) {
        YamlNode node = section.value(key);
        if (node == null) {
            if (required) {
                section.missing(key, "a FHIRPath expression or a list of them" + (hint.isEmpty() ? "" : ", " + hint));
            }
            return FhirPaths.NONE;
        }
        List<ProfileKeys.Located> texts = section.texts(key);
        if (texts.isEmpty()
                && node instanceof YamlNode.Sequence sequence
                && sequence.items().isEmpty()
                && required) {
            section.problem(node.mark(), section.pathOf(key), "names no FHIRPath expression; it needs at least one");
        }
        List<Expression> expressions = new ArrayList<>();
        for (ProfileKeys.Located text : texts) {
            fhirPathCheck
                    .problemWith(text.value(), resourceType)
                    .ifPresentOrElse(
                            problem -> section.problem(text.mark(), text.path(), problem),
                            () -> expressions.add(new Expression(text.value(), describe(text))));
        }
        return new FhirPaths(expressions);
    }

    private static String describe(ProfileKeys.Located text) {
        return "%s:%d %s".formatted(text.mark().source(), text.mark().line(), text.path());
    }

    private CodeMap codeMap(ProfileKeys section, String key, Function<String, Optional<String>> targetProblem) {
        Map<String, String> targets = new HashMap<>();
        Map<String, String> keysSeen = new HashMap<>();
        section.textMap(key).forEach((local, target) -> {
            String normalized = CodeMap.normalizeKey(local);
            Optional<String> problem = targetProblem.apply(target.value());
            if (problem.isPresent()) {
                section.problem(target.mark(), target.path(), problem.get());
            } else if (keysSeen.containsKey(normalized)) {
                section.problem(
                        target.mark(),
                        target.path(),
                        "'%s' is already mapped as '%s' (keys compare ignoring case)"
                                .formatted(local, keysSeen.get(normalized)));
            } else {
                keysSeen.put(normalized, local);
                targets.put(normalized, target.value());
            }
        });
        return new CodeMap(targets);
    }

    private Optional<ReferralChannel> channel(ProfileKeys section, ProfileKeys.Located code) {
        Optional<ReferralChannel> channel = ReferralChannel.fromCode(code.value());
        if (channel.isEmpty()) {
            section.problem(
                    code.mark(), code.path(), channelProblem(code.value()).orElseThrow());
        }
        return channel;
    }

    private static Optional<String> channelProblem(String code) {
        if (ReferralChannel.fromCode(code).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("'%s' is not a referral-channel code; expected one of %s"
                .formatted(
                        code,
                        Arrays.stream(ReferralChannel.values())
                                .map(ReferralChannel::code)
                                .collect(Collectors.joining(", "))));
    }
}
