package org.referralbridge.fhirplugin.client;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A change to a resource as read from the EHR, for {@link EhrClient#update}. It may run more than once (once per
 * version conflict), each time on a freshly read copy, so it must depend only on its argument.
 */
@FunctionalInterface
public interface ResourceChange<T extends IBaseResource> {

    /** Changes the resource in place; returns false when it already is as it should be, so nothing is written. */
    boolean applyTo(T resource);
}
