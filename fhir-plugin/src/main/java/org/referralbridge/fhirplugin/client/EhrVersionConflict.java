package org.referralbridge.fhirplugin.client;

/**
 * A version-checked update kept losing to concurrent writers: every re-read and re-applied change was refused with
 * 412 (or HAPI's 409) until the configured retries ran out. Retrying later is safe.
 */
public final class EhrVersionConflict extends EhrException {

    EhrVersionConflict(String operation, int attempts, Throwable cause) {
        super("EHR kept refusing " + operation + " as a version conflict after " + attempts + " attempts", cause);
    }
}
