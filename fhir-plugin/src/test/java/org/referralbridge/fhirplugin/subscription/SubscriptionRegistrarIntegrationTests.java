package org.referralbridge.fhirplugin.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrConnection;
import org.referralbridge.fhirplugin.subscription.SubscriptionRegistration.Action;
import org.referralbridge.fhirplugin.testing.InProcessFhirServer;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionRegistrarIntegrationTests {

    private static final String ENDPOINT = "https://bridge.example/fhir/notify";
    private static final SubscriptionSpec PATIENTS =
            SubscriptionSpec.restHook("Patient?", ENDPOINT).withHeader("X-Referral-Bridge-Secret: s3cret");
    private static final SubscriptionSpec FINISHED_ENCOUNTERS = SubscriptionSpec.restHook(
                    "Encounter?status=finished", ENDPOINT)
            .withHeader("X-Referral-Bridge-Secret: s3cret")
            .withoutPayload();

    private final FhirContext fhirContext = FhirContext.forR4Cached();
    private InProcessFhirServer ehr;
    private SubscriptionRegistrar registrar;

    @BeforeAll
    void startEhr() {
        ehr = InProcessFhirServer.start(fhirContext);
        registrar = new SubscriptionRegistrar(new EhrClient(fhirContext, EhrConnection.to(ehr::baseUrl)));
    }

    @AfterAll
    void stopEhr() throws Exception {
        ehr.close();
    }

    @BeforeEach
    void emptyEhr() {
        ehr.clear();
    }

    @Test
    void createsMissingSubscriptionsTaggedAsOursAndRequested() {
        List<SubscriptionRegistration> registrations = registrar.register(List.of(PATIENTS, FINISHED_ENCOUNTERS));

        assertThat(registrations).extracting(SubscriptionRegistration::action).containsOnly(Action.CREATED);
        assertThat(registrations).extracting(SubscriptionRegistration::status).containsOnly("requested");
        assertThat(ehr.subscriptions().getStoredResources()).hasSize(2).allSatisfy(subscription -> {
            assertThat(subscription.getMeta().getTag(Canonicals.SERVICE_IDENTIFIER_SYSTEM, "subscription"))
                    .isNotNull();
            assertThat(subscription.getStatus()).isEqualTo(SubscriptionStatus.REQUESTED);
            assertThat(subscription.getChannel().getType()).isEqualTo(Subscription.SubscriptionChannelType.RESTHOOK);
            assertThat(subscription.getChannel().getEndpoint()).isEqualTo(ENDPOINT);
            assertThat(subscription.getChannel().getHeader())
                    .extracting(StringType::getValue)
                    .containsExactly("X-Referral-Bridge-Secret: s3cret");
        });
        Subscription encounters = stored("Encounter?status=finished");
        assertThat(encounters.getChannel().hasPayload()).isFalse();
        assertThat(stored("Patient?").getChannel().getPayload()).isEqualTo("application/fhir+json");
    }

    @Test
    void registeringTwiceCreatesAndWritesNothingTheSecondTime() {
        List<SubscriptionRegistration> first = registrar.register(List.of(PATIENTS, FINISHED_ENCOUNTERS));
        ehr.subscriptions().clearCounts();

        List<SubscriptionRegistration> second = registrar.register(List.of(PATIENTS, FINISHED_ENCOUNTERS));

        assertThat(second).extracting(SubscriptionRegistration::action).containsOnly(Action.UNCHANGED);
        assertThat(second)
                .extracting(SubscriptionRegistration::subscriptionId)
                .containsExactlyElementsOf(first.stream()
                        .map(SubscriptionRegistration::subscriptionId)
                        .toList());
        assertThat(ehr.subscriptions().getCountCreate()).isZero();
        assertThat(ehr.subscriptions().getCountUpdate()).isZero();
        assertThat(ehr.subscriptions().getStoredResources()).hasSize(2);
    }

    @Test
    void refreshReportsTheStatusTheEhrGaveSinceAndWritesNothing() {
        List<SubscriptionRegistration> created = registrar.register(List.of(PATIENTS, FINISHED_ENCOUNTERS));
        ehr.subscriptions().update(stored("Patient?").setStatus(SubscriptionStatus.ACTIVE), null, null);
        ehr.subscriptions().clearCounts();

        List<SubscriptionRegistration> refreshed = registrar.refresh(created);

        assertThat(refreshed).extracting(SubscriptionRegistration::status).containsExactly("active", "requested");
        assertThat(refreshed).extracting(SubscriptionRegistration::action).containsOnly(Action.CREATED);
        assertThat(refreshed)
                .extracting(SubscriptionRegistration::subscriptionId)
                .containsExactlyElementsOf(created.stream()
                        .map(SubscriptionRegistration::subscriptionId)
                        .toList());
        assertThat(ehr.subscriptions().getCountCreate()).isZero();
        assertThat(ehr.subscriptions().getCountUpdate()).isZero();
    }

    @Test
    void refreshReportsASubscriptionDeletedSinceAsNotFound() {
        List<SubscriptionRegistration> created = registrar.register(List.of(PATIENTS));
        ehr.clear();

        assertThat(registrar.refresh(created))
                .extracting(SubscriptionRegistration::status)
                .containsExactly(SubscriptionRegistration.NOT_FOUND);
    }

    @Test
    void reactivatesOneOfOursThatIsOff() {
        registrar.register(List.of(PATIENTS));
        Subscription switchedOff = stored("Patient?").setStatus(SubscriptionStatus.OFF);
        ehr.subscriptions().update(switchedOff, null, null);

        List<SubscriptionRegistration> registrations = registrar.register(List.of(PATIENTS));

        assertThat(registrations).singleElement().satisfies(registration -> {
            assertThat(registration.action()).isEqualTo(Action.REACTIVATED);
            assertThat(registration.status()).isEqualTo("requested");
        });
        assertThat(stored("Patient?").getStatus()).isEqualTo(SubscriptionStatus.REQUESTED);
        assertThat(ehr.subscriptions().getStoredResources()).hasSize(1);
    }

    @Test
    void correctsTheHeadersWhenTheSecretChanged() {
        registrar.register(List.of(PATIENTS));
        SubscriptionSpec rotated =
                SubscriptionSpec.restHook("Patient?", ENDPOINT).withHeader("X-Referral-Bridge-Secret: n3w");

        List<SubscriptionRegistration> registrations = registrar.register(List.of(rotated));

        assertThat(registrations).extracting(SubscriptionRegistration::action).containsExactly(Action.UPDATED);
        assertThat(stored("Patient?").getChannel().getHeader())
                .extracting(StringType::getValue)
                .containsExactly("X-Referral-Bridge-Secret: n3w");
    }

    @Test
    void leavesSubscriptionsOfOtherSystemsAlone() {
        Subscription theirs = new Subscription()
                .setStatus(SubscriptionStatus.OFF)
                .setCriteria("Patient?")
                .setReason("another system");
        theirs.getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(ENDPOINT);
        String theirId = ehr.subscriptions().store(theirs).getIdPart();

        List<SubscriptionRegistration> registrations = registrar.register(List.of(PATIENTS));

        assertThat(registrations).extracting(SubscriptionRegistration::action).containsExactly(Action.CREATED);
        assertThat(registrations.get(0).subscriptionId()).isNotEqualTo(theirId);
        assertThat(ehr.subscriptions().getStoredResources())
                .filteredOn(
                        subscription -> subscription.getIdElement().getIdPart().equals(theirId))
                .singleElement()
                .satisfies(subscription -> assertThat(subscription.getStatus()).isEqualTo(SubscriptionStatus.OFF));
    }

    private Subscription stored(String criteria) {
        return ehr.subscriptions().getStoredResources().stream()
                .filter(subscription -> subscription.getCriteria().equals(criteria))
                .findFirst()
                .orElseThrow();
    }
}
