package org.referralbridge.server.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped templates, an override from the templates directory, and the whitelist of fields. */
class MessageTemplatesTests {

    private static final TemplateFields FIELDS = new TemplateFields(
            "Zoe",
            "Sam",
            "$15 off your next visit",
            "Example Family Dental",
            "https://referrals.example.org/api/messages/opt-out?token=t",
            "1 Main Street, Springfield, IL 62701",
            "The program runs all year.");

    @Test
    void everyShippedTemplateShowsTheFieldsTheOptOutAndThePostalAddress() {
        MessageTemplates templates = new MessageTemplates(null);

        for (MessageKind kind : MessageKind.values()) {
            MessageTemplates.Rendered rendered = templates.render(kind, FIELDS);
            assertThat(rendered.subject()).as(kind.code()).isNotBlank().doesNotContain("\n");
            assertThat(rendered.text())
                    .as(kind.code())
                    .contains("Zoe", FIELDS.postalAddress(), FIELDS.optOutUrl(), "Example Family Dental");
            assertThat(rendered.html())
                    .as(kind.code())
                    .contains("href=\"" + FIELDS.optOutUrl() + "\"", "1 Main Street");
        }
        assertThat(templates.render(MessageKind.REWARD_EARNED, FIELDS).text())
                .contains("Sam", "$15 off your next visit");
        assertThat(templates.render(MessageKind.PROGRAM_UPDATE, FIELDS).text()).contains("The program runs all year.");
    }

    @Test
    void theHtmlBodyEscapesWhatItShows() {
        TemplateFields hostile =
                new TemplateFields("<script>x</script>", "Sam", null, "P", "https://r/o", "1 Main St", null);

        String html =
                new MessageTemplates(null).render(MessageKind.WELCOME, hostile).html();

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void aTemplateInTheDirectoryReplacesTheShippedOne(@TempDir Path directory) throws Exception {
        Files.writeString(
                directory.resolve("welcome.subject.mustache"), "Hi {{recipientFirstName}} from {{practiceName}}");

        MessageTemplates templates = new MessageTemplates(directory.toString());

        assertThat(templates.render(MessageKind.WELCOME, FIELDS).subject())
                .isEqualTo("Hi Zoe from Example Family Dental");
        assertThat(templates.render(MessageKind.REFERRER_THANK_YOU, FIELDS).subject())
                .isEqualTo("Thank you, Zoe");
    }

    @Test
    void anOverrideThatDropsTheOptOutAndAddressGetsThemAppended(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("welcome.txt.mustache"), "Hello {{recipientFirstName}}");
        Files.writeString(directory.resolve("welcome.html.mustache"), "<p>Hello {{recipientFirstName}}</p>");

        MessageTemplates.Rendered rendered =
                new MessageTemplates(directory.toString()).render(MessageKind.WELCOME, FIELDS);

        assertThat(rendered.text()).contains(FIELDS.postalAddress(), FIELDS.optOutUrl());
        assertThat(rendered.html()).contains("1 Main Street", "href=\"" + FIELDS.optOutUrl() + "\"");
    }

    @Test
    void aTemplateNamingAFieldOutsideTheWhitelistStopsTheStart(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("welcome.txt.mustache"), "Your appointment: {{appointmentDate}}");

        assertThatThrownBy(() -> new MessageTemplates(directory.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("welcome.txt.mustache");
    }
}
