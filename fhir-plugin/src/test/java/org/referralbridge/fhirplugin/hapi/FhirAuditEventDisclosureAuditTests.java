package org.referralbridge.fhirplugin.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

/** The queue in front of the AuditEvent DAO, with a DAO that writes only when the test lets it. */
class FhirAuditEventDisclosureAuditTests {

    private final CountDownLatch writable = new CountDownLatch(1);
    private final List<AuditEvent> written = new CopyOnWriteArrayList<>();

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheRead() {
        FhirAuditEventDisclosureAudit audit = new FhirAuditEventDisclosureAudit(new BlockingDaos(), 2);

        // the first is taken by the writer, which waits in the DAO; two fill the queue; the fourth does not fit
        for (int i = 1; i <= 4; i++) {
            audit.record(decision("Patient/" + i));
        }

        assertThat(audit.dropped()).isEqualTo(1);
        writable.countDown();
        audit.close();
        assertThat(written)
                .extracting(event -> event.getEntityFirstRep().getWhat().getReference())
                .containsExactly("Patient/1", "Patient/2", "Patient/3");
    }

    @Test
    void closingWritesWhatIsQueuedAndTakesNoMore() {
        FhirAuditEventDisclosureAudit audit = new FhirAuditEventDisclosureAudit(new BlockingDaos(), 10);
        audit.record(decision("Patient/1"));
        audit.record(decision("Patient/2"));
        writable.countDown();

        audit.close();
        audit.record(decision("Patient/3"));

        assertThat(written).hasSize(2);
        assertThat(audit.dropped()).isEqualTo(1);
    }

    private static DisclosureDecision decision(String patient) {
        return new DisclosureDecision(
                patient, "Patient/12", false, null, "no-consent-rule", "anonymous", null, Instant.now());
    }

    /** A registry whose AuditEvent DAO records what it is given to create, once {@link #writable} opens. */
    private final class BlockingDaos extends DaoRegistry {

        BlockingDaos() {
            super(FhirContext.forR4Cached());
        }

        @Override
        public boolean isResourceTypeSupported(String type) {
            return "AuditEvent".equals(type);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R extends IBaseResource> IFhirResourceDao<R> getResourceDao(Class<R> type) {
            return (IFhirResourceDao<R>) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {IFhirResourceDao.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("create")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        if (!writable.await(10, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the test never let the DAO write");
                        }
                        written.add((AuditEvent) args[0]);
                        return null;
                    });
        }
    }
}
