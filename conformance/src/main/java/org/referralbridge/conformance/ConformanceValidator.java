package org.referralbridge.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.conformance.ValidationReport.Issue;
import org.referralbridge.conformance.ValidationReport.Severity;

/**
 * Validates FHIR R4 resources against the R4 core specification and the Referral Bridge package (its extensions,
 * code systems and value sets), entirely offline: no network, no remote terminology server. Codes from systems it
 * does not know (SNOMED CT, LOINC, ...) are not checked, only reported as warnings or information.
 *
 * <p>Not validated: StructureDefinitions. HAPI FHIR 8.8.0 (core 6.7.9) checks an extension's context by fetching
 * {@code hl7.fhir.r4.core} from the FHIR package registry, so such a resource comes back with one error saying so
 * instead; our own StructureDefinitions are checked when {@link ConformancePackage} generates their snapshots. Not
 * checked either, as HAPI only checks it for references it can resolve: whether a reference points to an allowed
 * resource type.
 *
 * <p>Building one takes a second or so (more if it is the first to load the R4 core definitions); build it once and
 * share it. After construction it is safe for concurrent use. One validation takes some tens of milliseconds.
 */
public final class ConformanceValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_VALIDATED_TYPE = "StructureDefinition";

    private final FhirValidator validator;

    public ConformanceValidator(FhirContext ctx, ConformancePackage pkg) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(pkg, "pkg");
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(ctx);
        pkg.resources().forEach(ours::addResource);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(ctx),
                ours,
                new CommonCodeSystemsTerminologyService(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx));
        this.validator = ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        // HAPI initialises its worker context on first use: do it here, on one thread, so the first caller is not
        // the one who pays for it.
        validator.validateWithResult(new Patient());
    }

    /** Validates a resource as given (HAPI encodes it and validates the encoding). */
    public ValidationReport validate(IBaseResource resource) {
        Objects.requireNonNull(resource, "resource");
        if (NOT_VALIDATED_TYPE.equals(resource.fhirType())) {
            return notValidated();
        }
        return toReport(validator.validateWithResult(resource));
    }

    /**
     * Validates a resource in FHIR JSON exactly as received, so unknown or misspelt elements are reported rather
     * than dropped by a lenient parser. Input that is not a FHIR resource in JSON at all (malformed JSON, empty text,
     * no resourceType) comes back as a report with a fatal issue, never as an exception.
     */
    public ValidationReport validate(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return fatal("The input is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        String type = tree.path("resourceType").asText("");
        if (!tree.isObject() || type.isBlank()) {
            return fatal("The input is not a FHIR resource: expected a JSON object with a resourceType.");
        }
        if (NOT_VALIDATED_TYPE.equals(type)) {
            return notValidated();
        }
        try {
            return toReport(validator.validateWithResult(json));
        } catch (RuntimeException e) {
            // Last line of defence: HAPI throws (DataFormatException, FHIRException, ...) on input it cannot read.
            return fatal("The input is not a readable FHIR resource: " + e.getMessage());
        }
    }

    private static ValidationReport fatal(String message) {
        return new ValidationReport(List.of(new Issue(Severity.FATAL, "(input)", message)));
    }

    private static ValidationReport notValidated() {
        return new ValidationReport(List.of(new Issue(
                Severity.ERROR,
                NOT_VALIDATED_TYPE,
                "Not validated: this validator works offline, and HAPI FHIR 8.8.0 fetches hl7.fhir.r4.core from the"
                        + " FHIR package registry to validate a StructureDefinition.")));
    }

    private static ValidationReport toReport(ValidationResult result) {
        return new ValidationReport(
                result.getMessages().stream().map(ConformanceValidator::toIssue).toList());
    }

    private static Issue toIssue(SingleValidationMessage message) {
        return new Issue(severity(message.getSeverity()), message.getLocationString(), message.getMessage());
    }

    private static Severity severity(ResultSeverityEnum severity) {
        if (severity == null) {
            return Severity.ERROR;
        }
        return switch (severity) {
            case FATAL -> Severity.FATAL;
            case ERROR -> Severity.ERROR;
            case WARNING -> Severity.WARNING;
            case INFORMATION -> Severity.INFORMATION;
        };
    }
}
