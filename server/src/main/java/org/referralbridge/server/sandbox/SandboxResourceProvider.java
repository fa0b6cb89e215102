package org.referralbridge.server.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * HAPI's in-memory provider, made to behave like a real EHR where the service relies on it: updates honour
 * {@code If-Match} (412 on a stale version), creates honour {@code If-None-Exist}, and searches filter on
 * {@code _lastUpdated} and simple parameters and sort by {@code _lastUpdated}; what a client wrote is kept as it
 * was sent (see {@link SandboxRawJson}).
 *
 * <p>The overrides carry no annotations: HAPI binds the annotated methods of the superclass and calls them on
 * this object, which dispatches to the overrides.
 */
class SandboxResourceProvider<T extends IBaseResource> extends HashMapResourceProvider<T> {

    private final SandboxSearch search;
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong creates = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();

    SandboxResourceProvider(FhirContext fhirContext, Class<T> type, SandboxSearch search) {
        super(fhirContext, type);
        this.search = search;
    }

    /** Stores a resource as it was, without interceptors (for loading a journal); ids stay ahead of it. */
    synchronized void restore(T resource) {
        store(resource);
        String id = resource.getIdElement().getIdPart();
        if (id.chars().allMatch(Character::isDigit) && id.length() < 18) {
            nextId.accumulateAndGet(Long.parseLong(id) + 1, Math::max);
        }
    }

    @Override
    public synchronized MethodOutcome update(T resource, String conditional, RequestDetails request) {
        String ifMatch = request == null ? null : request.getHeader("If-Match");
        if (ifMatch != null) {
            String expected = ifMatch.replaceAll("^W/", "").replace("\"", "").trim();
            String current = currentVersion(resource.getIdElement().getIdPart());
            if (!expected.equals(current)) {
                throw new PreconditionFailedException("version conflict: If-Match " + expected + " but "
                        + getFhirContext().getResourceType(resource) + "/"
                        + resource.getIdElement().getIdPart()
                        + " is at version " + current);
            }
        }
        SandboxRawJson.attach(resource, request);
        MethodOutcome outcome = super.update(resource, conditional, request);
        updates.incrementAndGet();
        return outcome;
    }

    @Override
    public synchronized MethodOutcome create(T resource, RequestDetails request) {
        String ifNoneExist = request == null ? null : request.getHeader("If-None-Exist");
        if (ifNoneExist != null && !ifNoneExist.isBlank()) {
            String query =
                    ifNoneExist.contains("?") ? ifNoneExist : getResourceType().getSimpleName() + "?" + ifNoneExist;
            Map<String, String[]> params = SandboxSearch.parseCriteria(query).params();
            List<T> existing = getAllResources().stream()
                    .filter(candidate -> search.matches(candidate, params))
                    .toList();
            if (existing.size() == 1) {
                return new MethodOutcome(existing.get(0).getIdElement()).setCreated(false);
            }
            if (existing.size() > 1) {
                throw new PreconditionFailedException("If-None-Exist matches " + existing.size() + " resources");
            }
        }
        // ids are assigned here rather than by HashMapResourceProvider, so they continue after restored ones
        String id;
        do {
            id = Long.toString(nextId.getAndIncrement());
        } while (myIdToVersionToResourceMap.containsKey(id));
        resource.setId(getResourceType().getSimpleName() + "/" + id);
        SandboxRawJson.attach(resource, request);
        MethodOutcome outcome = super.update(resource, null, request);
        creates.incrementAndGet();
        return outcome.setCreated(true);
    }

    /**
     * Sets a Subscription to {@code error} after its endpoint could not be reached, as a HAPI FHIR server would;
     * stored directly, so it causes no notification of its own.
     */
    synchronized void markFailed(String id) {
        T current = read(new IdType(id), null, true);
        if (current instanceof org.hl7.fhir.r4.model.Subscription subscription
                && subscription.getStatus() == org.hl7.fhir.r4.model.Subscription.SubscriptionStatus.ACTIVE) {
            subscription = subscription.copy();
            subscription
                    .setStatus(org.hl7.fhir.r4.model.Subscription.SubscriptionStatus.ERROR)
                    .setError("the endpoint could not be reached");
            subscription.getMeta().setLastUpdated(new Date());
            @SuppressWarnings("unchecked")
            T failed = (T) subscription;
            restore(failed);
        }
    }

    /** Creates through the REST API (a conditional create that matched counts as none). */
    long createCount() {
        return creates.get();
    }

    /** Updates through the REST API. */
    long updateCount() {
        return updates.get();
    }

    @Override
    public synchronized IBundleProvider searchAll(RequestDetails request) {
        Map<String, String[]> params = new HashMap<>(request.getParameters());
        List<T> matching = getAllResources().stream()
                .filter(resource -> search.matches(resource, params))
                .sorted(order(params))
                .toList();
        mySearchCount.incrementAndGet();
        return new SimpleBundleProvider(matching);
    }

    private Comparator<T> order(Map<String, String[]> params) {
        String[] sort = params.get("_sort");
        if (sort != null && sort.length > 0 && sort[0].equals("_lastUpdated")) {
            return Comparator.comparing(r -> lastUpdated(r));
        }
        return (a, b) -> 0;
    }

    private static Date lastUpdated(IBaseResource resource) {
        Date date = resource.getMeta().getLastUpdated();
        return date == null ? new Date(0) : date;
    }

    private String currentVersion(String id) {
        try {
            T current = read(new IdType(id), null, true);
            return current.getIdElement().getVersionIdPart();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }
}
