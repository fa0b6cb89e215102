package org.referralbridge.server.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.referralbridge.server.ehr.EmbeddedEhr;

/**
 * The built-in sandbox EHR: an in-memory HAPI FHIR R4 server with the resource types Referral Bridge reads and
 * writes, delivering rest-hook notifications. Its data lives as long as the process.
 */
public class SandboxEhr implements EmbeddedEhr, AutoCloseable {

    static final String BASE_PATH = "/sandbox/fhir";
    private static final List<Class<? extends IBaseResource>> TYPES = List.of(
            Patient.class,
            Encounter.class,
            Appointment.class,
            Consent.class,
            Coverage.class,
            QuestionnaireResponse.class,
            Questionnaire.class,
            RelatedPerson.class,
            Practitioner.class,
            Organization.class,
            Basic.class,
            Task.class,
            Communication.class,
            Provenance.class,
            Flag.class,
            MeasureReport.class,
            Subscription.class);

    private final Map<Class<? extends IBaseResource>, SandboxResourceProvider<? extends IBaseResource>> providers =
            new LinkedHashMap<>();
    private final ExecutorService deliveries;
    private final RestfulServer server;
    private final SandboxJournal journal;
    private final SubscriptionDelivery delivery;

    /** @param journalFile where to keep the data across restarts; null keeps it in memory only */
    SandboxEhr(FhirContext fhirContext, Path journalFile) {
        SandboxSearch search = new SandboxSearch(fhirContext);
        for (Class<? extends IBaseResource> type : TYPES) {
            providers.put(type, new SandboxResourceProvider<>(fhirContext, type, search));
        }
        // one delivery thread keeps notifications in the order of the changes, as an EHR's queue would
        this.deliveries = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rb-sandbox-notify");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        @SuppressWarnings("unchecked")
        SandboxResourceProvider<Subscription> subscriptions =
                (SandboxResourceProvider<Subscription>) providers.get(Subscription.class);
        this.server = new RestfulServer(fhirContext);
        server.setResourceProviders(List.copyOf(providers.values()));
        server.setPagingProvider(new FifoMemoryPagingProvider(100));
        server.setDefaultPageSize(50);
        server.setMaximumPageSize(500);
        this.delivery = new SubscriptionDelivery(
                fhirContext,
                search,
                subscriptions::getStoredResources,
                new RestHookSender(http, id -> subscriptions.markFailed(id)),
                deliveries);
        server.registerInterceptor(delivery);
        server.registerInterceptor(new SandboxRawJson());
        this.journal = journalFile == null ? null : new SandboxJournal(fhirContext, journalFile);
        if (journal != null) {
            Map<String, SandboxResourceProvider<? extends IBaseResource>> byType = new LinkedHashMap<>();
            providers.forEach((type, provider) -> byType.put(fhirContext.getResourceType(type), provider));
            journal.replayInto(byType);
            server.registerInterceptor(journal);
        }
    }

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    RestfulServer servlet() {
        return server;
    }

    /** How many updates the sandbox has stored for a resource type (for tests and the demo). */
    public long updateCount(Class<? extends IBaseResource> type) {
        return providers.get(type).updateCount();
    }

    /** How many creates the sandbox has stored for a resource type. */
    public long createCount(Class<? extends IBaseResource> type) {
        return providers.get(type).createCount();
    }

    /**
     * Makes the sandbox lose notifications, as real EHRs sometimes do: only those of resources ({@code Type/id})
     * the filter accepts are sent. For trying out (and testing) the catch-up poller.
     */
    public void deliverNotificationsOnlyFor(java.util.function.Predicate<String> filter) {
        delivery.deliverOnly(filter);
    }

    @Override
    public void close() throws java.io.IOException {
        deliveries.shutdownNow();
        if (journal != null) {
            journal.close();
        }
    }
}
