package org.referralbridge.server.messages;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The messages' Mustache templates: for each kind a subject, a plain-text and an HTML body
 * ({@code <kind>.subject.mustache}, {@code <kind>.txt.mustache}, {@code <kind>.html.mustache}). The shipped ones
 * are on the class path under {@code messages/templates/}; a file of the same name in the templates directory
 * replaces one. All are compiled and tried once at startup, so a broken override, or one naming a field outside
 * {@link TemplateFields}, stops the start with the template's name.
 */
class MessageTemplates {

    static final String CLASSPATH = "messages/templates/";

    /**
     * HTML escaping of the five characters that matter in text and quoted attributes; JMustache's default also
     * escapes {@code =}, which would turn the opt-out link's {@code ?token=} into an entity.
     */
    private static final Mustache.Compiler HTML = Mustache.compiler().withEscaper(Escapers.simple(new String[][] {
        {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}
    }));

    private final Map<MessageKind, Template[]> templates = new EnumMap<>(MessageKind.class);

    MessageTemplates(String directory) {
        // a missing field is an error, not an empty string: the whitelist is the context
        Mustache.Compiler html = HTML;
        Mustache.Compiler text = Mustache.compiler().escapeHTML(false);
        for (MessageKind kind : MessageKind.values()) {
            Template subject = compile(text, directory, kind.code() + ".subject.mustache");
            Template plain = compile(text, directory, kind.code() + ".txt.mustache");
            Template rich = compile(html, directory, kind.code() + ".html.mustache");
            templates.put(kind, new Template[] {subject, plain, rich});
            Map<String, Object> sample = TemplateFields.sample().asContext();
            for (String part : new String[] {"subject", "txt", "html"}) {
                try {
                    templates.get(kind)[index(part)].execute(sample);
                } catch (MustacheException e) {
                    throw new IllegalStateException("message template " + kind.code() + "." + part
                            + ".mustache names a field templates may not use: " + e.getMessage());
                }
            }
        }
    }

    /** The subject (one line), plain text and HTML of a message. */
    record Rendered(String subject, String text, String html) {}

    Rendered render(MessageKind kind, TemplateFields fields) {
        Map<String, Object> context = fields.asContext();
        Template[] parts = templates.get(kind);
        String subject = parts[0].execute(context).strip().replaceAll("[\\r\\n]+", " ");
        String text = parts[1].execute(context);
        String html = parts[2].execute(context);
        // CAN-SPAM (15 U.S.C. 7704(a)(3), (a)(5)): the opt-out and the postal address are in every e-mail, whatever
        // an edited template left out
        if (!text.contains(fields.postalAddress()) || !text.contains(fields.optOutUrl())) {
            text = text + "\n\n" + fields.practiceName() + ", " + fields.postalAddress() + "\nUnsubscribe: "
                    + fields.optOutUrl() + "\n";
        }
        String escapedAddress = HTML.compile("{{a}}").execute(Map.of("a", fields.postalAddress()));
        if (!html.contains(escapedAddress) || !html.contains("href")) {
            html = html
                    + HTML.compile("<p>{{p}}, {{a}}<br><a href=\"{{u}}\">Unsubscribe</a></p>")
                            .execute(Map.of(
                                    "p", fields.practiceName(), "a", fields.postalAddress(), "u", fields.optOutUrl()));
        }
        return new Rendered(subject, text, html);
    }

    private static int index(String part) {
        return switch (part) {
            case "subject" -> 0;
            case "txt" -> 1;
            default -> 2;
        };
    }

    private static Template compile(Mustache.Compiler compiler, String directory, String name) {
        try {
            return compiler.compile(source(directory, name));
        } catch (MustacheException e) {
            throw new IllegalStateException("message template " + name + " does not compile: " + e.getMessage());
        }
    }

    private static String source(String directory, String name) {
        if (directory != null && !directory.isBlank()) {
            Path override = Path.of(directory).resolve(name);
            if (Files.isRegularFile(override)) {
                try {
                    return Files.readString(override, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("message template " + override + " cannot be read", e);
                }
            }
        }
        try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(CLASSPATH + name)) {
            if (in == null) {
                throw new IllegalStateException("message template " + name + " is not shipped");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("message template " + name + " cannot be read", e);
        }
    }
}
