package org.referralbridge.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;

class SandboxSearchTests {

    private final SandboxSearch search = new SandboxSearch(FhirContext.forR4Cached());

    @Test
    void matchesSubscriptionCriteriaOnTokens() {
        Encounter finished = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
        Encounter planned = new Encounter().setStatus(Encounter.EncounterStatus.PLANNED);
        SandboxSearch.Criteria criteria = SandboxSearch.parseCriteria("Encounter?status=finished");

        assertThat(criteria.resourceType()).isEqualTo("Encounter");
        assertThat(search.matches(finished, criteria.params())).isTrue();
        assertThat(search.matches(planned, criteria.params())).isFalse();
        assertThat(search.matches(planned, Map.of("status", new String[] {"planned,finished"})))
                .isTrue();
    }

    @Test
    void matchesReferencesWithAndWithoutVersion() {
        Provenance provenance = new Provenance().addTarget(new Reference("Patient/13/_history/2"));

        assertThat(search.matches(provenance, Map.of("target", new String[] {"Patient/13"})))
                .isTrue();
        assertThat(search.matches(provenance, Map.of("target", new String[] {"Patient/13/_history/2"})))
                .isTrue();
        assertThat(search.matches(provenance, Map.of("target", new String[] {"Patient/13/_history/1"})))
                .isFalse();
        assertThat(search.matches(provenance, Map.of("target", new String[] {"Patient/1"})))
                .isFalse();
    }

    @Test
    void matchesAReferenceParameterThatNamesTheTargetType() {
        Encounter ofPatient = new Encounter().setSubject(new Reference("Patient/13"));
        Encounter ofGroup = new Encounter().setSubject(new Reference("Group/13"));

        assertThat(search.matches(ofPatient, Map.of("patient", new String[] {"13"})))
                .isTrue();
        assertThat(search.matches(ofPatient, Map.of("patient", new String[] {"Patient/13"})))
                .isTrue();
        assertThat(search.matches(ofPatient, Map.of("patient", new String[] {"14"})))
                .isFalse();
        assertThat(search.matches(ofGroup, Map.of("patient", new String[] {"13"})))
                .isFalse();
    }

    @Test
    void matchesLastUpdatedAndTags() {
        Subscription subscription = new Subscription();
        subscription.getMeta().setLastUpdated(new Date(1_700_000_000_000L)).addTag("https://sys", "ours", null);

        assertThat(search.matches(subscription, Map.of("_lastUpdated", new String[] {"gt2023-01-01T00:00:00Z"})))
                .isTrue();
        assertThat(search.matches(subscription, Map.of("_lastUpdated", new String[] {"gt2024-01-01T00:00:00Z"})))
                .isFalse();
        assertThat(search.matches(subscription, Map.of("_tag", new String[] {"https://sys|ours"})))
                .isTrue();
        assertThat(search.matches(subscription, Map.of("_tag", new String[] {"https://sys|theirs"})))
                .isFalse();
    }

    @Test
    void comparesAnEncountersPeriodWithADateRangeLikeAFhirServer() {
        Encounter ended = new Encounter();
        ended.getPeriod().setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-20T10:00:00Z"));

        assertThat(search.matches(ended, Map.of("date", new String[] {"ge2026-11-01"})))
                .isTrue();
        assertThat(search.matches(ended, Map.of("date", new String[] {"ge2026-11-22"})))
                .as("a day is read as HAPI does, from its start in the earliest time zone")
                .isFalse();
        assertThat(search.matches(ended, Map.of("date", new String[] {"le2026-11-01"})))
                .as("no start: open towards the past")
                .isTrue();
        assertThat(search.matches(new Encounter(), Map.of("date", new String[] {"ge2026-11-01"})))
                .as("no period at all")
                .isFalse();
        assertThatThrownBy(() -> search.matches(ended, Map.of("date", new String[] {"sa2026-11-01"})))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("eq, ge, gt, le or lt only");
    }

    @Test
    void refusesWhatItCannotSearchWithAClearMessage() {
        assertThatThrownBy(() -> search.matches(new Encounter(), Map.of("nonsense", new String[] {"x"})))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("unknown search parameter nonsense for Encounter");
        assertThatThrownBy(() -> search.matches(new Encounter(), Map.of("status:not", new String[] {"x"})))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("modifiers");
    }
}
