package org.referralbridge.fhirplugin.client;

/**
 * What a conditional create did.
 *
 * @param created true when the EHR made a new resource, false when one matching the condition already existed
 * @param resourceType the resource type
 * @param id the logical id of the new or existing resource, when the EHR reported it
 * @param versionId its version, when the EHR reported it
 */
public record CreateOutcome(boolean created, String resourceType, String id, String versionId) {}
