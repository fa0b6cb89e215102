package org.referralbridge.server.cds;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CDS Hooks service ({@code referralbridge.cds}).
 *
 * @param serviceUrl the address of {@code /cds-services} as the EHR calls it (e.g. {@code
 *     https://referrals.example.org/cds-services}); each client's JWT must name the service's address under it as
 *     its audience. Blank: the address the request came to (right when no proxy rewrites it)
 * @param staffAppUrl where the staff app is, for the links on the cards; blank: the service's own origin
 * @param smartLaunchUrl a SMART app launch URL of the staff app registered in the EHR: when set, each card also has
 *     a SMART link the EHR launches with its own context
 * @param maxTokenLifetime how far in the future a client's JWT may expire (the spec says five minutes)
 * @param clockSkew how much the client's clock may differ from ours
 * @param patientViewerRecognitionChannels for a patient-facing viewer (a Patient or RelatedPerson user), the
 *     recognition channels whose current permit from the referrer lets the card name them; empty (the default):
 *     never named to such a viewer, as the FHIR plugin's default
 * @param clients the CDS clients trusted to call, by issuer
 */
@ConfigurationProperties("referralbridge.cds")
public record CdsProperties(
        String serviceUrl,
        String staffAppUrl,
        String smartLaunchUrl,
        @DefaultValue("5m") Duration maxTokenLifetime,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue List<String> patientViewerRecognitionChannels,
        @DefaultValue List<Client> clients) {

    /**
     * A trusted CDS client.
     *
     * @param issuer the JWT's {@code iss}, exactly
     * @param jwksUrl where its public keys are published (the JWT's {@code jku}, when it names one, must be this)
     * @param jwks its public keys inline, a JWK Set as JSON, instead of {@code jwksUrl}
     * @param fhirServers the FHIR base URLs this client may send as {@code fhirServer}; we read the patient there
     *     with the hook's {@code fhirAuthorization} when the prefetch is missing. Empty: we never call a
     *     {@code fhirServer} of this client, and read from our own EHR connection instead
     */
    public record Client(
            String issuer,
            String jwksUrl,
            String jwks,
            @DefaultValue List<String> fhirServers) {}
}
