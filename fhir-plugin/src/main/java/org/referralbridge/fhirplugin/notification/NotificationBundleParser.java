package org.referralbridge.fhirplugin.notification;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.referralbridge.fhirplugin.notification.IncludedResources.Included;

/**
 * Reads R4 topic-based notifications: a {@code history} Bundle whose first entry is a SubscriptionStatus
 * {@code Parameters} (Subscriptions R5 Backport IG). Accepts HAPI FHIR 8.8.0's variant as well, which sends the event
 * timestamp as a date, a bare UUID as the status entry's fullUrl, versioned fullUrls and no entry.request/response.
 * A bare SubscriptionStatus Parameters (as a {@code $status} answer holds) is read too. Thread-safe.
 */
public final class NotificationBundleParser {

    private final FhirContext fhirContext;

    public NotificationBundleParser(FhirContext fhirContext) {
        if (fhirContext.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("topic-based notifications are read as FHIR R4");
        }
        this.fhirContext = fhirContext;
    }

    /** Parses FHIR JSON. */
    public SubscriptionNotification parse(String json) {
        IBaseResource resource;
        try {
            resource = fhirContext.newJsonParser().parseResource(json);
        } catch (DataFormatException notFhir) {
            // HAPI's message can quote the body: not passed on.
            throw new MalformedNotification("notification is not a FHIR R4 JSON resource");
        }
        return parse(resource);
    }

    /** Reads an already parsed notification Bundle (or bare SubscriptionStatus). */
    public SubscriptionNotification parse(IBaseResource resource) {
        if (resource instanceof Parameters status) {
            return read(status, new IncludedResources(List.of()));
        }
        if (!(resource instanceof Bundle bundle)) {
            throw new MalformedNotification("notification is a " + resource.fhirType() + ", expected a Bundle");
        }
        if (bundle.getType() != Bundle.BundleType.HISTORY) {
            throw new MalformedNotification("notification Bundle.type is "
                    + (bundle.hasType() ? bundle.getType().toCode() : "missing") + ", expected history");
        }
        if (!bundle.hasEntry() || !(bundle.getEntryFirstRep().getResource() instanceof Parameters status)) {
            throw new MalformedNotification(
                    "first entry of the notification Bundle is not a SubscriptionStatus Parameters");
        }
        List<Bundle.BundleEntryComponent> rest =
                bundle.getEntry().subList(1, bundle.getEntry().size());
        return read(status, new IncludedResources(rest));
    }

    private static SubscriptionNotification read(Parameters status, IncludedResources included) {
        String typeCode = primitive(status, "type");
        if (typeCode == null) {
            throw new MalformedNotification("SubscriptionStatus has no type");
        }
        NotificationType type = NotificationType.fromCode(typeCode)
                .orElseThrow(() -> new MalformedNotification("SubscriptionStatus type is not a notification type"));
        Type subscription = value(status.getParameter(), "subscription");
        if (!(subscription instanceof Reference reference) || !reference.hasReference()) {
            throw new MalformedNotification("SubscriptionStatus has no subscription reference");
        }
        List<NotificationEvent> events = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ParametersParameterComponent parameter : status.getParameter()) {
            if ("notification-event".equals(parameter.getName())) {
                events.add(event(parameter.getPart(), included));
            } else if ("error".equals(parameter.getName()) && parameter.getValue() instanceof CodeableConcept error) {
                error.getCoding().stream().map(Coding::getCode).forEach(errors::add);
            }
        }
        return new SubscriptionNotification(
                type,
                reference.getReference(),
                primitive(status, "topic"),
                primitive(status, "status"),
                number(primitive(status, "events-since-subscription-start"), "events-since-subscription-start"),
                events,
                errors);
    }

    private static NotificationEvent event(List<ParametersParameterComponent> parts, IncludedResources included) {
        Type eventNumberValue = value(parts, "event-number");
        Long eventNumber = eventNumberValue == null || !eventNumberValue.isPrimitive()
                ? null
                : number(eventNumberValue.primitiveValue(), "event-number");
        if (eventNumber == null) {
            throw new MalformedNotification("notification-event has no event-number");
        }
        Type timestamp = value(parts, "timestamp");
        ResourceRef focus = null;
        IBaseResource resource = null;
        List<ResourceRef> context = new ArrayList<>();
        for (ParametersParameterComponent part : parts) {
            if ("focus".equals(part.getName())) {
                Included found = resolve(part.getValue(), included, "focus");
                focus = found.ref();
                resource = found.resource();
            } else if ("additional-context".equals(part.getName())) {
                context.add(
                        resolve(part.getValue(), included, "additional-context").ref());
            }
        }
        return new NotificationEvent(
                eventNumber, timestamp == null ? null : timestamp.primitiveValue(), focus, context, resource);
    }

    /** What a reference points at, completed with the version and resource the Bundle holds for it. */
    private static Included resolve(Type value, IncludedResources included, String name) {
        if (!(value instanceof Reference reference) || !reference.hasReference()) {
            throw new MalformedNotification(name + " is not a reference");
        }
        Included byUrl = included.findByFullUrl(reference.getReference());
        IdType id = new IdType(reference.getReference());
        if (!id.hasResourceType() || !id.hasIdPart()) {
            if (byUrl != null) {
                return byUrl;
            }
            throw new MalformedNotification(name + " reference is neither Type/id nor an entry of the Bundle");
        }
        ResourceRef ref = new ResourceRef(id.getResourceType(), id.getIdPart(), id.getVersionIdPart());
        Included entry = included.find(ref);
        if (entry == null) {
            return new Included(ref, null);
        }
        return new Included(ref.withVersionIfUnknown(entry.ref().versionId()), entry.resource());
    }

    private static Type value(List<ParametersParameterComponent> parameters, String name) {
        return parameters.stream()
                .filter(parameter -> name.equals(parameter.getName()))
                .map(ParametersParameterComponent::getValue)
                .findFirst()
                .orElse(null);
    }

    private static String primitive(Parameters status, String name) {
        Type value = value(status.getParameter(), name);
        return value != null && value.isPrimitive() ? value.primitiveValue() : null;
    }

    private static Long number(String text, String name) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException notANumber) {
            throw new MalformedNotification(name + " is not a whole number");
        }
    }
}
