package org.referralbridge.fhirplugin.notification;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** Builds small notification Bundles in code, to break one rule at a time. */
final class NotificationBundles {

    private NotificationBundles() {}

    /** A SubscriptionStatus with subscription, topic, status and type; events are added by the test. */
    static Parameters status(String type) {
        Parameters status = new Parameters();
        status.addParameter().setName("subscription").setValue(new Reference("Subscription/s1"));
        status.addParameter().setName("topic").setValue(new CanonicalType("http://example.org/SubscriptionTopic/t"));
        status.addParameter().setName("status").setValue(new CodeType("active"));
        if (type != null) {
            status.addParameter().setName("type").setValue(new CodeType(type));
        }
        return status;
    }

    static Parameters.ParametersParameterComponent event(Parameters status, String eventNumber) {
        Parameters.ParametersParameterComponent event = status.addParameter().setName("notification-event");
        if (eventNumber != null) {
            event.addPart().setName("event-number").setValue(new StringType(eventNumber));
        }
        return event;
    }

    static Bundle notification(Parameters status) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
        bundle.addEntry()
                .setFullUrl("urn:uuid:0c1c7a46-8a5b-4a53-9f4e-0a6f5e2c8f11")
                .setResource(status);
        return bundle;
    }
}
