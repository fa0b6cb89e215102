package org.referralbridge.fhirplugin.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;

/**
 * A real HAPI FHIR RestfulServer with in-memory resource providers, served by embedded Jetty on a random port:
 * stands in for an EHR's FHIR server in tests.
 */
public final class InProcessFhirServer implements AutoCloseable {

    private final Server jetty;
    private final ConditionalCreatingPatientProvider patients;
    private final HashMapResourceProvider<Encounter> encounters;
    private final TaggedSubscriptionProvider subscriptions;
    private final AuthorizationRecorder authorizations = new AuthorizationRecorder();

    private InProcessFhirServer(FhirContext fhirContext) throws Exception {
        patients = new ConditionalCreatingPatientProvider(fhirContext);
        encounters = new HashMapResourceProvider<>(fhirContext, Encounter.class);
        subscriptions = new TaggedSubscriptionProvider(fhirContext);
        RestfulServer restful = new RestfulServer(fhirContext);
        restful.setResourceProviders(List.of(patients, encounters, subscriptions));
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(50);
        paging.setDefaultPageSize(20);
        restful.setPagingProvider(paging);
        restful.registerInterceptor(authorizations);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(restful), "/fhir/*");
        jetty = new Server(0);
        jetty.setHandler(context);
        jetty.start();
    }

    public static InProcessFhirServer start(FhirContext fhirContext) {
        try {
            return new InProcessFhirServer(fhirContext);
        } catch (Exception e) {
            throw new IllegalStateException("in-process FHIR server did not start", e);
        }
    }

    public String baseUrl() {
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        return "http://localhost:" + port + "/fhir";
    }

    public HashMapResourceProvider<Patient> patients() {
        return patients;
    }

    public HashMapResourceProvider<Encounter> encounters() {
        return encounters;
    }

    public TaggedSubscriptionProvider subscriptions() {
        return subscriptions;
    }

    /** The Authorization header of the latest request, if it had one. */
    public java.util.Optional<String> lastAuthorization() {
        return authorizations.last();
    }

    /** Forgets every stored resource, so each test starts from an empty server. */
    public void clear() {
        patients.clear();
        encounters.clear();
        subscriptions.clear();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
