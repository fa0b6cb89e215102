package org.referralbridge.server.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the sandbox act as an EHR with R4 rest-hook Subscriptions: stamps {@code meta.lastUpdated}, activates
 * requested Subscriptions, and after each successful write sends a notification to every active Subscription whose
 * criteria match, the way a HAPI FHIR server does (see {@link RestHookSender}).
 *
 * <p>Notifications go out only once the request has completed (the resource is then readable), never from inside
 * the storage call, so the receiver never reads a version that is not stored yet.
 */
@Interceptor
class SubscriptionDelivery {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionDelivery.class);
    private static final String PENDING = SubscriptionDelivery.class.getName() + ".pending";

    private final FhirContext fhirContext;
    private final SandboxSearch search;
    private final Supplier<List<Subscription>> subscriptions;
    private final RestHookSender sender;
    private final ExecutorService deliveries;
    private volatile Predicate<String> deliver = subject -> true;

    SubscriptionDelivery(
            FhirContext fhirContext,
            SandboxSearch search,
            Supplier<List<Subscription>> subscriptions,
            RestHookSender sender,
            ExecutorService deliveries) {
        this.fhirContext = fhirContext;
        this.search = search;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.deliveries = deliveries;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    void beforeCreate(IBaseResource resource) {
        prepare(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    void beforeUpdate(IBaseResource previous, IBaseResource resource) {
        prepare(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    void created(IBaseResource resource, RequestDetails request) {
        collect(request, resource, false);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        collect(request, resource, false);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    void deleted(IBaseResource resource, RequestDetails request) {
        collect(request, resource, true);
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    void completed(RequestDetails request) {
        @SuppressWarnings("unchecked")
        List<RestHookSender.Notification> pending =
                (List<RestHookSender.Notification>) request.getUserData().remove(PENDING);
        if (pending != null) {
            pending.stream()
                    .filter(notification -> deliver.test(notification.subject()))
                    .forEach(notification -> deliveries.execute(() -> sender.send(notification)));
        }
    }

    /** Which notifications go out at all (by {@code Type/id}); the rest are lost, as an unreliable EHR loses them. */
    void deliverOnly(Predicate<String> filter) {
        this.deliver = filter;
    }

    private void prepare(IBaseResource resource) {
        resource.getMeta().setLastUpdated(new Date());
        if (resource instanceof Subscription subscription) {
            activate(subscription);
        }
    }

    /** Like a HAPI FHIR server: a requested rest-hook Subscription with criteria it understands becomes active. */
    private void activate(Subscription subscription) {
        if (subscription.getStatus() != SubscriptionStatus.REQUESTED) {
            return;
        }
        if (subscription.getChannel().getType() != SubscriptionChannelType.RESTHOOK) {
            subscription.setStatus(SubscriptionStatus.ERROR).setError("the sandbox EHR delivers rest-hook only");
            return;
        }
        try {
            SandboxSearch.Criteria criteria = SandboxSearch.parseCriteria(subscription.getCriteria());
            fhirContext.getResourceDefinition(criteria.resourceType());
            subscription.setStatus(SubscriptionStatus.ACTIVE).setError(null);
        } catch (RuntimeException e) {
            subscription.setStatus(SubscriptionStatus.ERROR).setError("criteria not understood: " + e.getMessage());
        }
    }

    private void collect(RequestDetails request, IBaseResource resource, boolean deleted) {
        if (request == null || resource instanceof Subscription) {
            return;
        }
        String type = fhirContext.getResourceType(resource);
        for (Subscription subscription : subscriptions.get()) {
            if (subscription.getStatus() == SubscriptionStatus.ACTIVE
                    && matches(subscription, type, resource, deleted)) {
                pending(request).add(RestHookSender.Notification.of(fhirContext, subscription, resource, deleted));
            }
        }
    }

    private boolean matches(Subscription subscription, String type, IBaseResource resource, boolean deleted) {
        try {
            SandboxSearch.Criteria criteria = SandboxSearch.parseCriteria(subscription.getCriteria());
            return criteria.resourceType().equals(type) && (deleted || search.matches(resource, criteria.params()));
        } catch (RuntimeException e) {
            log.warn(
                    "Subscription/{} criteria cannot be evaluated: {}",
                    subscription.getIdElement().getIdPart(),
                    e.getMessage());
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<RestHookSender.Notification> pending(RequestDetails request) {
        return (List<RestHookSender.Notification>)
                request.getUserData().computeIfAbsent(PENDING, key -> new ArrayList<RestHookSender.Notification>());
    }
}
