/**
 * Mapping profiles: where a clinic's EHR keeps marketing-referral evidence (YAML with FHIRPath), how it is loaded and
 * checked, and how it is evaluated against FHIR R4 resources into plain records free of HAPI types.
 *
 * <p>Entry points: {@link org.referralbridge.mapping.MappingProfiles} loads a profile, {@link
 * org.referralbridge.mapping.ProfileEvaluator} evaluates it. The format is described in {@code mapping/README.md}.
 */
package org.referralbridge.mapping;
