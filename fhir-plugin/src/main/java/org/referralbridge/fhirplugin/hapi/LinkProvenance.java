package org.referralbridge.fhirplugin.hapi;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.referralbridge.conformance.Canonicals;

/**
 * The Provenance of a Patient the plugin changed at create time, in the form the Referral Bridge service gives its
 * own write-backs: the Patient version as target, Referral Bridge (a Device, by identifier) as author, the rules
 * that made the change as policies.
 */
final class LinkProvenance {

    static final String SERVICE_IDENTIFIER_VALUE = "referral-bridge";

    private LinkProvenance() {}

    /**
     * @param patientVersion the stored Patient, e.g. {@code Patient/123/_history/1}
     * @param rules the rules that changed it ({@link ReferrerLinker.Result#rules})
     */
    static Provenance of(String patientVersion, List<String> rules, Instant recorded) {
        Provenance provenance = new Provenance();
        provenance.addTarget(new Reference(patientVersion));
        provenance.setRecorded(Date.from(recorded));
        rules.forEach(provenance::addPolicy);
        provenance.setActivity(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "UPDATE", "revise")));
        provenance
                .addAgent()
                .setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")))
                .setWho(new Reference()
                        .setType("Device")
                        .setIdentifier(new Identifier()
                                .setSystem(Canonicals.SERVICE_IDENTIFIER_SYSTEM)
                                .setValue(SERVICE_IDENTIFIER_VALUE))
                        .setDisplay("Referral Bridge"));
        return provenance;
    }
}
