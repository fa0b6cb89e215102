package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referralbridge.conformance.Canonicals.Compliance;
import org.referralbridge.conformance.Canonicals.Consents;
import org.referralbridge.conformance.Canonicals.ProgramMessagesConsent;
import org.referralbridge.conformance.Canonicals.ReferralDisclosureConsent;
import org.referralbridge.conformance.Canonicals.ReferralProgramCommunication;
import org.referralbridge.conformance.Canonicals.ReferralReward;
import org.referralbridge.conformance.Canonicals.ReferralRewardTask;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;
import org.referralbridge.conformance.Canonicals.RewardDecision;

class ConformancePackageTests {

    private static final ConformancePackage pkg = Conformance.pkg();

    @Test
    void readsItsNameAndVersionFromPackageJson() {
        assertThat(pkg.name()).isEqualTo(Canonicals.PACKAGE_NAME);
        assertThat(pkg.version()).isEqualTo("0.1.0");
    }

    @Test
    void holdsTheArtifactsTheDesignNamesAtTheirCanonicalUrls() {
        assertThat(urls(pkg.structureDefinitions()))
                .containsExactlyInAnyOrder(
                        Canonicals.ReferralSource.URL,
                        Canonicals.ReferralAdvocate.URL,
                        Canonicals.ReferralBridgeAuditEvent.URL,
                        ReferralReward.URL,
                        ReferralReward.REFERRAL,
                        ReferralReward.REFERRED_PATIENT,
                        ReferralReward.PROGRAM,
                        ReferralReward.STATUS,
                        ReferralReward.RETAIL_VALUE,
                        ReferralReward.KIND,
                        ReferralReward.REVISION,
                        RewardDecision.URL,
                        ReferralRewardTask.URL,
                        ReferralDisclosureConsent.URL,
                        ReferrerRecognitionConsent.URL,
                        ProgramMessagesConsent.URL,
                        ReferralProgramCommunication.URL);
        assertThat(urls(pkg.codeSystems()))
                .containsExactlyInAnyOrder(
                        Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM,
                        Canonicals.CAPTURE_METHOD_CODE_SYSTEM,
                        Canonicals.ROLE_CODE_SYSTEM,
                        Canonicals.ReferralBridgeAuditEvent.ACTION_CODE_SYSTEM,
                        Canonicals.RESOURCE_KIND_CODE_SYSTEM,
                        Canonicals.REFERRAL_REASON_CODE_SYSTEM,
                        ReferralReward.STATUS_CODE_SYSTEM,
                        ReferralReward.KIND_CODE_SYSTEM,
                        Compliance.DECISION_CODE_SYSTEM,
                        Compliance.RULE_CODE_SYSTEM,
                        ReferralRewardTask.CODE_SYSTEM,
                        Consents.KIND_CODE_SYSTEM,
                        ReferrerRecognitionConsent.CHANNEL_CODE_SYSTEM,
                        ProgramMessagesConsent.CHANNEL_CODE_SYSTEM,
                        ReferralProgramCommunication.KIND_CODE_SYSTEM,
                        Canonicals.ReferralProgramMeasure.GROUP_CODE_SYSTEM);
        assertThat(urls(pkg.valueSets()))
                .containsExactlyInAnyOrder(
                        Canonicals.REFERRAL_CHANNEL_VALUE_SET,
                        Canonicals.CAPTURE_METHOD_VALUE_SET,
                        Canonicals.ROLE_VALUE_SET,
                        Canonicals.ReferralBridgeAuditEvent.ACTION_VALUE_SET,
                        Canonicals.REFERRAL_REASON_VALUE_SET,
                        ReferralReward.STATUS_VALUE_SET,
                        ReferralReward.KIND_VALUE_SET,
                        Compliance.DECISION_VALUE_SET,
                        Compliance.RULE_VALUE_SET,
                        ReferralRewardTask.VALUE_SET,
                        ReferrerRecognitionConsent.CHANNEL_VALUE_SET,
                        ProgramMessagesConsent.CHANNEL_VALUE_SET,
                        ReferralProgramCommunication.KIND_VALUE_SET);
        assertThat(urls(pkg.searchParameters()))
                .containsExactlyInAnyOrder(
                        Canonicals.PatientSearch.url(Canonicals.PatientSearch.REFERRAL_REFERRER),
                        Canonicals.PatientSearch.url(Canonicals.PatientSearch.REFERRAL_CHANNEL),
                        Canonicals.PatientSearch.url(Canonicals.PatientSearch.REFERRAL_CODE),
                        Canonicals.PatientSearch.url(Canonicals.PatientSearch.ADVOCATE_CODE));
        assertThat(pkg.capabilityStatement().getUrl()).isEqualTo(Canonicals.CAPABILITY_STATEMENT);
        assertThat(pkg.resources()).hasSize(53);
    }

    @Test
    void everyArtifactCarriesThePackageVersionAndSaysItIsAMarketingReferralWhereItDefinesOne() {
        for (Resource resource : pkg.resources()) {
            MetadataResource artifact = (MetadataResource) resource;
            assertThat(artifact.getVersion()).as(artifact.getUrl()).isEqualTo(pkg.version());
            assertThat(artifact.getStatus()).as(artifact.getUrl()).isEqualTo(PublicationStatus.ACTIVE);
        }
        for (MetadataResource definition : List.<MetadataResource>of(
                structureDefinition(Canonicals.ReferralSource.URL),
                structureDefinition(Canonicals.ReferralAdvocate.URL),
                codeSystem(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM),
                structureDefinition(ReferralReward.URL),
                structureDefinition(ReferralRewardTask.URL),
                structureDefinition(ReferralDisclosureConsent.URL),
                structureDefinition(ReferrerRecognitionConsent.URL),
                structureDefinition(ProgramMessagesConsent.URL),
                pkg.capabilityStatement())) {
            assertThat(definition.getDescription()).as(definition.getUrl()).contains("NOT a clinical referral");
        }
    }

    @Test
    void generatesASnapshotForEachStructureDefinition() {
        assertThat(pkg.structureDefinitions()).allSatisfy(definition -> {
            assertThat(definition.hasSnapshot()).as(definition.getUrl()).isTrue();
            assertThat(definition.getSnapshot().getElementFirstRep().getPath()).isEqualTo(definition.getType());
            assertThat(definition.getSnapshot().getElement())
                    .hasSizeGreaterThan(
                            definition.getDifferential().getElement().size());
        });
    }

    @Test
    void snapshotsSliceEverySubExtensionThatCanonicalsNames() throws Exception {
        assertSlices(Canonicals.ReferralSource.URL, subExtensionNames(Canonicals.ReferralSource.class));
        assertSlices(Canonicals.ReferralAdvocate.URL, subExtensionNames(Canonicals.ReferralAdvocate.class));
        assertSlices(RewardDecision.URL, subExtensionNames(RewardDecision.class));
    }

    @Test
    void snapshotsGiveTheCardinalitiesAndTypesOfTheSubExtensions() {
        StructureDefinition source = structureDefinition(Canonicals.ReferralSource.URL);
        assertThat(element(source, "Extension.extension:channel").getMin()).isEqualTo(1);
        assertThat(element(source, "Extension.extension:referrer").getMin()).isZero();
        assertThat(element(source, "Extension.extension:referrer.value[x]")
                        .getTypeFirstRep()
                        .getTargetProfile())
                .extracting(UriType::getValue)
                .containsExactly(
                        "http://hl7.org/fhir/StructureDefinition/Patient",
                        "http://hl7.org/fhir/StructureDefinition/RelatedPerson",
                        "http://hl7.org/fhir/StructureDefinition/Practitioner",
                        "http://hl7.org/fhir/StructureDefinition/Organization");
        assertThat(element(source, "Extension.value[x]").getMax()).isEqualTo("0");

        StructureDefinition advocate = structureDefinition(Canonicals.ReferralAdvocate.URL);
        assertThat(element(advocate, "Extension.extension:code").getMin()).isEqualTo(1);
        assertThat(element(advocate, "Extension.extension:enrolled").getMin()).isEqualTo(1);
        assertThat(element(advocate, "Extension.extension:successfulReferrals.value[x]")
                        .getTypeFirstRep()
                        .getCode())
                .isEqualTo("unsignedInt");
        assertThat(advocate.getContextFirstRep().getExpression()).isEqualTo("Patient");
    }

    @Test
    void bindsChannelAndMethodToTheirValueSetsRequired() {
        StructureDefinition source = structureDefinition(Canonicals.ReferralSource.URL);

        ElementDefinition channel = element(source, "Extension.extension:channel.value[x]");
        ElementDefinition method = element(source, "Extension.extension:method.value[x]");

        assertThat(channel.getBinding().getStrength()).isEqualTo(BindingStrength.REQUIRED);
        assertThat(channel.getBinding().getValueSet()).isEqualTo(Canonicals.REFERRAL_CHANNEL_VALUE_SET);
        assertThat(method.getBinding().getStrength()).isEqualTo(BindingStrength.REQUIRED);
        assertThat(method.getBinding().getValueSet()).isEqualTo(Canonicals.CAPTURE_METHOD_VALUE_SET);
    }

    @Test
    void auditEventProfileFixesTypeRequestorAndObserverAndBindsActionAndRolesRequired() {
        StructureDefinition audit = structureDefinition(Canonicals.ReferralBridgeAuditEvent.URL);

        assertThat(audit.getType()).isEqualTo("AuditEvent");
        assertThat(element(audit, "AuditEvent.type")
                        .getPattern()
                        .getNamedProperty("code")
                        .getValues())
                .extracting(Object::toString)
                .containsExactly("rest");
        ElementDefinition subtype = element(audit, "AuditEvent.subtype");
        assertThat(subtype.getMin()).isEqualTo(1);
        assertThat(subtype.getMax()).isEqualTo("1");
        assertThat(subtype.getBinding().getStrength()).isEqualTo(BindingStrength.REQUIRED);
        assertThat(subtype.getBinding().getValueSet()).isEqualTo(Canonicals.ReferralBridgeAuditEvent.ACTION_VALUE_SET);
        assertThat(element(audit, "AuditEvent.agent.role").getBinding().getValueSet())
                .isEqualTo(Canonicals.ROLE_VALUE_SET);
        assertThat(element(audit, "AuditEvent.agent").getMax()).isEqualTo("1");
        assertThat(element(audit, "AuditEvent.agent.requestor").getFixed().primitiveValue())
                .isEqualTo("true");
        assertThat(element(audit, "AuditEvent.source.observer.display")
                        .getFixed()
                        .primitiveValue())
                .isEqualTo(Canonicals.ReferralBridgeAuditEvent.OBSERVER);
        assertThat(element(audit, "AuditEvent.outcome").getMin()).isEqualTo(1);
        assertThat(element(audit, "AuditEvent.entity.what").getMin()).isEqualTo(1);
    }

    @Test
    void codeSystemsHoldTheCodesTheDesignNames() {
        assertThat(codes(codeSystem(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM)))
                .contains("patient", "friend-family", "provider", "campaign", "web", "social", "event", "other");
        assertThat(codes(codeSystem(Canonicals.CAPTURE_METHOD_CODE_SYSTEM)))
                .containsExactly("front-desk", "online-form", "questionnaire", "ehr-import", "other");
        assertThat(codes(codeSystem(Canonicals.ROLE_CODE_SYSTEM)))
                .containsExactly("program-admin", "clinic-it", "front-desk", "auditor");
        assertThat(codes(codeSystem(Canonicals.ReferralBridgeAuditEvent.ACTION_CODE_SYSTEM)))
                .contains("advocate.enrolled", "dead-letter.replayed", "subscriptions.checked");
        assertThat(codes(codeSystem(ReferralReward.KIND_CODE_SYSTEM)))
                .containsExactly("cash", "cash-equivalent", "in-kind", "service-credit", "donation", "recognition");
        assertThat(codes(codeSystem(ReferralReward.STATUS_CODE_SYSTEM)))
                .containsExactly("earned", "held", "awaiting-approval", "approved", "issued", "voided", "blocked");
        assertThat(codes(codeSystem(Compliance.DECISION_CODE_SYSTEM)))
                .containsExactly("allow", "reduce", "thank-you-only", "block");
        assertThat(codes(codeSystem(Compliance.RULE_CODE_SYSTEM)))
                .containsExactly(
                        "AKS-REFERRED-BENEFICIARY",
                        "OIG-CASH-EQUIVALENT",
                        "OIG-NOMINAL-ITEM-15",
                        "OIG-NOMINAL-YEAR-75",
                        "FL-817-505",
                        "CA-BP-650",
                        "TX-MEDICAID-10-25",
                        "PRACTICE-CAP-ITEM",
                        "PRACTICE-CAP-YEAR",
                        "OVERRIDE");
        assertThat(codes(codeSystem(Canonicals.REFERRAL_REASON_CODE_SYSTEM)))
                .containsExactly(
                        "ALREADY_ATTRIBUTED",
                        "SELF_REFERRAL",
                        "EXISTING_PATIENT",
                        "POSSIBLE_DUPLICATE",
                        "REFERRER_NOT_ELIGIBLE",
                        "REFERRER_IS_STAFF",
                        "QUALIFICATION_WINDOW_EXPIRED",
                        "PROGRAM_INACTIVE",
                        "LIMIT_REACHED",
                        "QUALIFYING_ENCOUNTER_CANCELLED",
                        "UNKNOWN_CODE",
                        "BAD_CHECK_CHARACTER",
                        "MALFORMED_CODE",
                        "REFERRER_NOT_ADVOCATE",
                        "REJECTED_BY_STAFF");
        assertThat(codes(codeSystem(ReferralRewardTask.CODE_SYSTEM)))
                .containsExactly(ReferralRewardTask.APPROVE, ReferralRewardTask.FULFIL);
        assertThat(codes(codeSystem(Canonicals.RESOURCE_KIND_CODE_SYSTEM))).containsExactly(ReferralReward.CODE);
        assertThat(codes(codeSystem(Consents.KIND_CODE_SYSTEM)))
                .containsExactly(
                        ReferralDisclosureConsent.CATEGORY,
                        ReferrerRecognitionConsent.CATEGORY,
                        ProgramMessagesConsent.CATEGORY);
        assertThat(codes(codeSystem(ReferrerRecognitionConsent.CHANNEL_CODE_SYSTEM)))
                .containsExactly(
                        ReferrerRecognitionConsent.NEWSLETTER,
                        ReferrerRecognitionConsent.SOCIAL_MEDIA,
                        ReferrerRecognitionConsent.OFFICE_DISPLAY);
        assertThat(codes(codeSystem(ProgramMessagesConsent.CHANNEL_CODE_SYSTEM)))
                .containsExactly(ProgramMessagesConsent.EMAIL, ProgramMessagesConsent.SMS);
    }

    @Test
    void everyComplianceRuleNamesItsSourceAndEveryCodeIsDefined() {
        assertThat(codeSystem(Compliance.RULE_CODE_SYSTEM).getConcept())
                .allSatisfy(rule ->
                        assertThat(rule.getDefinition()).as(rule.getCode()).contains("Source: "));
        assertThat(codeSystem(Compliance.RULE_CODE_SYSTEM).getConcept())
                .filteredOn(rule ->
                        rule.getCode().startsWith("AKS-") || rule.getCode().startsWith("OIG-"))
                .allSatisfy(rule -> assertThat(rule.getDefinition()).contains("42 U.S.C. 1320a-7"));
        assertThat(pkg.codeSystems())
                .flatExtracting(CodeSystem::getConcept)
                .allSatisfy(concept -> assertThat(concept.getDefinition())
                        .as(concept.getCode())
                        .isNotBlank());
        assertThat(pkg.codeSystems())
                .allSatisfy(codeSystem -> assertThat(codeSystem.getCount())
                        .as(codeSystem.getUrl())
                        .isEqualTo(codeSystem.getConcept().size()));
    }

    @Test
    void rewardProfileFixesItsCodeRequiresItsPartsAndBindsThemRequired() {
        StructureDefinition reward = structureDefinition(ReferralReward.URL);

        assertThat(reward.getType()).isEqualTo("Basic");
        assertThat(element(reward, "Basic.code")
                        .getPattern()
                        .getNamedProperty("coding")
                        .getValues())
                .singleElement()
                .satisfies(coding -> assertThat(coding.getNamedProperty("code").getValues())
                        .extracting(Object::toString)
                        .containsExactly(ReferralReward.CODE));
        assertThat(element(reward, "Basic.subject").getMin()).isEqualTo(1);
        assertThat(element(reward, "Basic.created").getMin()).isEqualTo(1);
        assertThat(element(reward, "Basic.identifier:reward.system").getFixed().primitiveValue())
                .isEqualTo(ReferralReward.IDENTIFIER_SYSTEM);
        for (String slice :
                List.of("referral", "referredPatient", "program", "status", "retailValue", "kind", "decision")) {
            assertThat(element(reward, "Basic.extension:" + slice).getMin())
                    .as(slice)
                    .isEqualTo(1);
            assertThat(element(reward, "Basic.extension:" + slice).getMax())
                    .as(slice)
                    .isEqualTo("1");
        }
        assertRequiredBinding(ReferralReward.STATUS, "Extension.value[x]", ReferralReward.STATUS_VALUE_SET);
        assertRequiredBinding(ReferralReward.KIND, "Extension.value[x]", ReferralReward.KIND_VALUE_SET);
        assertRequiredBinding(
                RewardDecision.URL, "Extension.extension:outcome.value[x]", Compliance.DECISION_VALUE_SET);
        assertRequiredBinding(RewardDecision.URL, "Extension.extension:rule.value[x]", Compliance.RULE_VALUE_SET);
        assertThat(element(structureDefinition(RewardDecision.URL), "Extension.extension:rule")
                        .getMax())
                .isEqualTo("*");
        assertThat(element(structureDefinition(ReferralReward.RETAIL_VALUE), "Extension.value[x]")
                        .getConstraint())
                .anySatisfy(constraint -> assertThat(constraint.getExpression())
                        .contains("currency = '" + ReferralReward.CURRENCY + "'"));
        assertThat(element(structureDefinition(ReferralReward.REFERRAL), "Extension.value[x].system")
                        .getFixed()
                        .primitiveValue())
                .isEqualTo(ReferralReward.REFERRAL_SYSTEM);
    }

    @Test
    void rewardTaskProfileFixesIntentAndRequiresFocusForAndAuthoredOn() {
        StructureDefinition task = structureDefinition(ReferralRewardTask.URL);

        assertThat(element(task, "Task.intent").getFixed().primitiveValue()).isEqualTo(ReferralRewardTask.INTENT);
        assertThat(element(task, "Task.code").getBinding().getStrength()).isEqualTo(BindingStrength.REQUIRED);
        assertThat(element(task, "Task.code").getBinding().getValueSet()).isEqualTo(ReferralRewardTask.VALUE_SET);
        assertThat(element(task, "Task.focus").getMin()).isEqualTo(1);
        assertThat(element(task, "Task.focus").getTypeFirstRep().getTargetProfile())
                .extracting(UriType::getValue)
                .containsExactly("http://hl7.org/fhir/StructureDefinition/Basic");
        assertThat(element(task, "Task.for").getMin()).isEqualTo(1);
        assertThat(element(task, "Task.authoredOn").getMin()).isEqualTo(1);
        assertThat(element(task, "Task.owner").getMin()).isZero();
        assertThat(element(task, "Task.businessStatus").getMin()).isZero();
    }

    @Test
    void consentProfilesFixScopeCategoryAndPolicyAndRequirePatientDateTimeAndAPermitOrDenyProvision() {
        for (String[] profile : new String[][] {
            {ReferralDisclosureConsent.URL, ReferralDisclosureConsent.CATEGORY, ReferralDisclosureConsent.POLICY},
            {ReferrerRecognitionConsent.URL, ReferrerRecognitionConsent.CATEGORY, ReferrerRecognitionConsent.POLICY},
            {ProgramMessagesConsent.URL, ProgramMessagesConsent.CATEGORY, ProgramMessagesConsent.POLICY}
        }) {
            StructureDefinition consent = structureDefinition(profile[0]);
            assertThat(consent.getType()).isEqualTo("Consent");
            assertThat(patternCode(element(consent, "Consent.scope")))
                    .as(profile[0])
                    .isEqualTo(Consents.SCOPE);
            assertThat(patternCode(element(consent, "Consent.category")))
                    .as(profile[0])
                    .isEqualTo(profile[1]);
            assertThat(element(consent, "Consent.policy.uri").getFixed().primitiveValue())
                    .as(profile[0])
                    .isEqualTo(profile[2]);
            for (String required : List.of(
                    "Consent.patient",
                    "Consent.dateTime",
                    "Consent.policy",
                    "Consent.provision",
                    "Consent.provision.type")) {
                assertThat(element(consent, required).getMin())
                        .as(profile[0] + " " + required)
                        .isEqualTo(1);
            }
            assertThat(element(consent, "Consent.patient").getTypeFirstRep().getTargetProfile())
                    .extracting(UriType::getValue)
                    .containsExactly("http://hl7.org/fhir/StructureDefinition/Patient");
            assertThat(element(consent, "Consent").getConstraint())
                    .anySatisfy(constraint -> assertThat(constraint.getKey()).isEqualTo("rb-consent-1"));
        }
        StructureDefinition disclosure = structureDefinition(ReferralDisclosureConsent.URL);
        assertThat(element(disclosure, "Consent.provision.actor").getMin()).isEqualTo(1);
        assertThat(element(disclosure, "Consent.provision.actor").getMax()).isEqualTo("*");
        assertThat(patternCode(element(disclosure, "Consent.provision.actor.role")))
                .isEqualTo(ReferralDisclosureConsent.ACTOR_ROLE);
        assertThat(element(disclosure, "Consent.provision.purpose").getMin()).isZero();
        assertRequiredBinding(
                ReferrerRecognitionConsent.URL, "Consent.provision.code", ReferrerRecognitionConsent.CHANNEL_VALUE_SET);
        assertRequiredBinding(
                ProgramMessagesConsent.URL, "Consent.provision.code", ProgramMessagesConsent.CHANNEL_VALUE_SET);
        StructureDefinition messages = structureDefinition(ProgramMessagesConsent.URL);
        assertThat(element(messages, "Consent.provision.code").getMax()).isEqualTo("1");
        assertThat(element(messages, "Consent.provision.purpose").getMin()).isEqualTo(1);
        assertThat(element(messages, "Consent").getConstraint())
                .extracting(constraint -> constraint.getKey())
                .contains("rb-consent-4", "rb-consent-5");
    }

    private static String patternCode(ElementDefinition element) {
        return ((CodeableConcept) element.getPattern()).getCodingFirstRep().getCode();
    }

    /** Not one of them is a billing resource: rewards must never leak into claims. */
    @Test
    void noProfileBuildsOnABillingResource() {
        assertThat(pkg.structureDefinitions())
                .extracting(StructureDefinition::getType)
                .doesNotContain("ChargeItem", "Account", "Invoice", "Claim");
    }

    @Test
    void eachValueSetIncludesAllOfItsCodeSystem() {
        assertThat(valueSet(Canonicals.REFERRAL_CHANNEL_VALUE_SET)
                        .getCompose()
                        .getIncludeFirstRep()
                        .getSystem())
                .isEqualTo(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM);
        assertThat(valueSet(Canonicals.CAPTURE_METHOD_VALUE_SET)
                        .getCompose()
                        .getIncludeFirstRep()
                        .getSystem())
                .isEqualTo(Canonicals.CAPTURE_METHOD_CODE_SYSTEM);
        assertThat(pkg.valueSets())
                .allSatisfy(valueSet -> assertThat(valueSet.getCompose()
                                        .getIncludeFirstRep()
                                        .hasConcept()
                                || valueSet.getCompose().getIncludeFirstRep().hasFilter())
                        .isFalse());
    }

    @Test
    void searchParametersAreOnPatientWithTheirIdAsCode() {
        assertThat(pkg.searchParameters()).allSatisfy(parameter -> {
            assertThat(parameter.getBase()).extracting(base -> base.getValue()).containsExactly("Patient");
            assertThat(parameter.getCode()).isEqualTo(parameter.getIdElement().getIdPart());
            assertThat(parameter.getUrl()).isEqualTo(Canonicals.PatientSearch.url(parameter.getCode()));
        });
        SearchParameter referrer = pkg.searchParameters().stream()
                .filter(parameter -> parameter.getCode().equals(Canonicals.PatientSearch.REFERRAL_REFERRER))
                .findFirst()
                .orElseThrow();
        assertThat(referrer.getTarget())
                .extracting(target -> target.getValue())
                .containsExactly("Patient", "RelatedPerson", "Practitioner", "Organization");
    }

    @Test
    void capabilityStatementDescribesTheNotificationEndpointAndTheSearchParameters() {
        var rest = pkg.capabilityStatement().getRest();
        var server = rest.stream()
                .filter(r -> r.getMode().toCode().equals("server"))
                .findFirst()
                .orElseThrow();
        var client = rest.stream()
                .filter(r -> r.getMode().toCode().equals("client"))
                .findFirst()
                .orElseThrow();

        assertThat(server.getResource())
                .extracting(resource -> resource.getType())
                .containsExactly("Patient", "Encounter", "Consent", "Coverage", "QuestionnaireResponse", "Appointment");
        assertThat(client.getResource().get(0).getSearchParam())
                .extracting(parameter -> parameter.getDefinition())
                .containsExactlyInAnyOrderElementsOf(urls(pkg.searchParameters()));
    }

    @Test
    void findsAnExampleByTypeAndId() {
        Patient anna = pkg.example(Patient.class, "advocate-anna");

        assertThat(anna.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Anna");
        assertThat(anna.getExtensionByUrl(Canonicals.ReferralAdvocate.URL)).isNotNull();
        assertThatThrownBy(() -> pkg.example(Patient.class, "nobody"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("Patient/nobody");
    }

    @Test
    void givesCopiesSoThatCallersCannotChangeThePackage() {
        pkg.structureDefinitions().get(0).setSnapshot(null);
        pkg.example(Patient.class, "advocate-anna").getExtension().clear();

        assertThat(pkg.structureDefinitions())
                .allSatisfy(definition -> assertThat(definition.hasSnapshot()).isTrue());
        assertThat(pkg.example(Patient.class, "advocate-anna").getExtension()).isNotEmpty();
        assertThat(pkg.examples()).hasSize(14);
    }

    @Test
    void refusesAFhirContextOtherThanR4() {
        assertThatThrownBy(() -> ConformancePackage.loadFromClasspath(FhirContext.forR5Cached()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("R4");
    }

    @Test
    void loadsAPackageFolderThroughItsIndex(@TempDir Path dir) {
        ClassLoader folder = new PackageFolder(dir)
                .add(codeSystem(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM))
                .classLoader();

        ConformancePackage loaded = ConformancePackage.load(Conformance.CTX, folder, ConformancePackage.CLASSPATH_ROOT);

        assertThat(loaded.name()).isEqualTo("test.package");
        assertThat(loaded.version()).isEqualTo("9.9.9");
        assertThat(urls(loaded.codeSystems())).containsExactly(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM);
        assertThat(loaded.examples()).isEmpty();
    }

    @Test
    void failsNamingTheFileWhenAResourceDoesNotParse(@TempDir Path dir) {
        ClassLoader folder = new PackageFolder(dir)
                .addBroken(codeSystem(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM), "{\"resourceType\": \"CodeSystem\", ")
                .classLoader();

        assertThatThrownBy(() -> ConformancePackage.load(Conformance.CTX, folder, ConformancePackage.CLASSPATH_ROOT))
                .isInstanceOf(InvalidConformancePackage.class)
                .hasMessageContaining("fhir/package/CodeSystem-referral-channel.json")
                .hasMessageContaining("does not parse");
    }

    @Test
    void failsNamingTheFileWhenAResourceHasAnUnknownElement(@TempDir Path dir) {
        ClassLoader folder = new PackageFolder(dir)
                .addBroken(
                        codeSystem(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM),
                        "{\"resourceType\": \"CodeSystem\", \"id\": \"referral-channel\", \"url\": \""
                                + Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM + "\", \"stauts\": \"active\"}")
                .classLoader();

        assertThatThrownBy(() -> ConformancePackage.load(Conformance.CTX, folder, ConformancePackage.CLASSPATH_ROOT))
                .isInstanceOf(InvalidConformancePackage.class)
                .hasMessageContaining("CodeSystem-referral-channel.json")
                .hasMessageContaining("stauts");
    }

    @Test
    void failsNamingTheFileWhenAListedFileIsMissing(@TempDir Path dir) {
        ClassLoader folder = new PackageFolder(dir)
                .listOnly(valueSet(Canonicals.REFERRAL_CHANNEL_VALUE_SET))
                .classLoader();

        assertThatThrownBy(() -> ConformancePackage.load(Conformance.CTX, folder, ConformancePackage.CLASSPATH_ROOT))
                .isInstanceOf(InvalidConformancePackage.class)
                .hasMessageContaining("fhir/package/ValueSet-referral-channel.json is missing");
    }

    @Test
    void failsWhenAFileHoldsAnotherResourceThanItsIndexSays(@TempDir Path dir) {
        CodeSystem renamed = codeSystem(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM);
        String otherJson = Conformance.CTX
                .newJsonParser()
                .encodeResourceToString(codeSystem(Canonicals.CAPTURE_METHOD_CODE_SYSTEM));
        ClassLoader folder =
                new PackageFolder(dir).addBroken(renamed, otherJson).classLoader();

        assertThatThrownBy(() -> ConformancePackage.load(Conformance.CTX, folder, ConformancePackage.CLASSPATH_ROOT))
                .isInstanceOf(InvalidConformancePackage.class)
                .hasMessageContaining("CodeSystem-referral-channel.json holds CodeSystem/referral-capture-method");
    }

    @Test
    void failsNamingTheElementWhenADifferentialPathIsWrong(@TempDir Path dir) {
        StructureDefinition wrong = structureDefinition(Canonicals.ReferralAdvocate.URL);
        wrong.setSnapshot(null);
        wrong.getDifferential().addElement().setPath("Extension.tier").setId("Extension.tier");
        ClassLoader folder = new PackageFolder(dir).add(wrong).classLoader();

        assertThatThrownBy(() -> ConformancePackage.load(Conformance.CTX, folder, ConformancePackage.CLASSPATH_ROOT))
                .isInstanceOf(InvalidConformancePackage.class)
                .hasMessageContaining(Canonicals.ReferralAdvocate.URL)
                .hasMessageContaining("Extension.tier");
    }

    private static void assertSlices(String url, List<String> names) {
        StructureDefinition definition = structureDefinition(url);
        assertThat(names).isNotEmpty().allSatisfy(name -> {
            assertThat(element(definition, "Extension.extension:" + name).getSliceName())
                    .isEqualTo(name);
            assertThat(element(definition, "Extension.extension:" + name + ".url")
                            .getFixed()
                            .primitiveValue())
                    .isEqualTo(name);
        });
        assertThat(element(definition, "Extension.url").getFixed().primitiveValue())
                .isEqualTo(url);
    }

    /** The values of the String constants of a Canonicals nested class, except its URL. */
    private static List<String> subExtensionNames(Class<?> holder) throws IllegalAccessException {
        List<String> names = new java.util.ArrayList<>();
        for (Field field : holder.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class
                    && !field.getName().equals("URL")) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    private static void assertRequiredBinding(String url, String elementId, String valueSet) {
        ElementDefinition element = element(structureDefinition(url), elementId);
        assertThat(element.getBinding().getStrength()).as(url).isEqualTo(BindingStrength.REQUIRED);
        assertThat(element.getBinding().getValueSet()).as(url).isEqualTo(valueSet);
    }

    private static ElementDefinition element(StructureDefinition definition, String id) {
        return definition.getSnapshot().getElement().stream()
                .filter(element -> element.getId().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(definition.getUrl() + " has no snapshot element " + id));
    }

    private static List<String> codes(CodeSystem codeSystem) {
        return codeSystem.getConcept().stream()
                .map(ConceptDefinitionComponent::getCode)
                .toList();
    }

    private static List<String> urls(List<? extends MetadataResource> resources) {
        return resources.stream().map(MetadataResource::getUrl).toList();
    }

    private static StructureDefinition structureDefinition(String url) {
        return byUrl(pkg.structureDefinitions(), url);
    }

    private static CodeSystem codeSystem(String url) {
        return byUrl(pkg.codeSystems(), url);
    }

    private static ValueSet valueSet(String url) {
        return byUrl(pkg.valueSets(), url);
    }

    private static <T extends MetadataResource> T byUrl(List<T> resources, String url) {
        return resources.stream()
                .filter(resource -> resource.getUrl().equals(url))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no " + url + " in " + Arrays.toString(urls(resources).toArray())));
    }
}
