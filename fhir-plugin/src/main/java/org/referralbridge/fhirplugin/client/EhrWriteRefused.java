package org.referralbridge.fhirplugin.client;

/**
 * The client refused to write, before sending anything, because the write could damage the EHR's data: the EHR gave
 * no version to check the write against (neither {@code meta.versionId} nor an ETag), or the resource carries the
 * extension to change more than once, so which one is ours is unclear. Retrying the same write will not help.
 */
public final class EhrWriteRefused extends EhrException {

    EhrWriteRefused(String operation, String reason) {
        super("Refused to " + operation + ": " + reason, null);
    }
}
