package org.referralbridge.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The editor's form becomes the program document the API takes, and each problem's field finds its input. */
class ProgramEditorFormTests {

    @Test
    void theFormBecomesTheDocumentWithTheDocumentsFieldNames() {
        ProgramEditorForm form = ProgramEditorForm.blank();
        form.setKey(" spring-2027 ");
        form.setName("Spring referrals");
        form.setStart("2027-03-01");
        form.setDefaultProgram(true);
        ProgramEditorForm.Item item = form.getRewards().get(0).getItems().get(0);
        item.setId("gift-card");
        item.setKind("cash-equivalent");
        item.setRetailValue("$25");
        form.getEligibility().setExcludedPatients("Patient/1\n 2 ,3");
        form.getLimits().setMaxRewards("5");
        form.getLimits().setPeriod("calendar-year");
        form.setTalkingPoints("Line one\r\nLine two\r\n");

        ProgramEditorForm.Draft draft = form.draft();

        assertThat(draft.problems()).isEmpty();
        JsonNode document = draft.document();
        assertThat(document.get("key").asText()).isEqualTo("spring-2027");
        assertThat(document.get("isDefault").asBoolean()).isTrue();
        assertThat(document.at("/rewards/0/id").asText()).isEqualTo("first-visit");
        assertThat(document.at("/rewards/0/items/0/retailValue/value").decimalValue())
                .isEqualByComparingTo("25");
        assertThat(document.at("/rewards/0/items/0/retailValue/currency").asText())
                .isEqualTo("USD");
        assertThat(document.at("/eligibility/excludedPatients").toString()).isEqualTo("[\"Patient/1\",\"2\",\"3\"]");
        assertThat(document.at("/eligibility/requireFinishedEncounter").asBoolean())
                .isTrue();
        assertThat(document.at("/success/withinDays").asInt()).isEqualTo(90);
        assertThat(document.at("/limits/maxRewards").asInt()).isEqualTo(5);
        assertThat(document.get("talkingPoints").asText()).isEqualTo("Line one\nLine two");
        assertThat(document.has("end")).isFalse();
    }

    @Test
    void aValueThatIsNoDateOrNumberIsAProblemOfItsFieldAndLeftOut() {
        ProgramEditorForm form = ProgramEditorForm.blank();
        form.setStart("March 1st");
        form.setHoldDays("a week");
        form.getRewards().get(0).getItems().get(0).setRetailValue("twenty");

        ProgramEditorForm.Draft draft = form.draft();

        assertThat(draft.problems())
                .extracting(ProgramEditorForm.FieldProblem::field)
                .containsExactly("start", "rewards[0].items[0].retailValue", "holdDays");
        assertThat(draft.document().has("start")).isFalse();
        assertThat(draft.document().has("holdDays")).isFalse();
    }

    @Test
    void eachProblemFieldFindsItsInputAndIsNamedInWords() {
        assertThat(ProgramEditorPages.anchor("rewards[0].items[1].retailValue.currency"))
                .isEqualTo("rewards[0].items[1].retailValue");
        assertThat(ProgramEditorPages.anchor("eligibility.excludedPatients[2]"))
                .isEqualTo("eligibility.excludedPatients");
        assertThat(ProgramEditorPages.id("rewards[0].items[1].retailValue"))
                .isEqualTo("f-rewards-0-items-1-retailValue");
        assertThat(ProgramEditorPages.label("rewards[0].items[1].retailValue"))
                .isEqualTo("Rule 1, item 2: Retail value (USD)");
        assertThat(ProgramEditorPages.label("tiers[2].item")).isEqualTo("Tier 3: Item");
        assertThat(ProgramEditorPages.label("end")).isEqualTo("Last day");
    }
}
