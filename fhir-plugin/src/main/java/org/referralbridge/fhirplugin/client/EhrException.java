package org.referralbridge.fhirplugin.client;

/**
 * A call to the EHR failed. Messages name the operation, resource type, id and HTTP status only: never resource
 * content, so they are safe to log (no PHI).
 */
public abstract sealed class EhrException extends RuntimeException
        permits EhrUnavailable, EhrRequestRejected, EhrResponseMalformed, EhrVersionConflict, EhrWriteRefused {

    EhrException(String message, Throwable cause) {
        super(message, cause);
    }
}
