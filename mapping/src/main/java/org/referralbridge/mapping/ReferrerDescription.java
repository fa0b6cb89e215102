package org.referralbridge.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The referrer as a person describes them, e.g. the answer to "Who referred you?": a name and perhaps a birth date,
 * phone or email to tell people of the same name apart.
 *
 * <p>This is PHI: {@link #toString()} names only which fields are present, never their values, so that a description
 * that reaches a log line or an exception message discloses nothing.
 *
 * @param text the name as free text, e.g. {@code Ana Rivera}
 * @param given the given name(s)
 * @param family the family name
 * @param birthDate the referrer's birth date
 * @param phone a phone number, as written
 * @param email an email address, as written
 */
public record ReferrerDescription(
        Optional<String> text,
        Optional<String> given,
        Optional<String> family,
        Optional<LocalDate> birthDate,
        Optional<String> phone,
        Optional<String> email) {

    public ReferrerDescription {
        text = Objects.requireNonNullElse(text, Optional.empty());
        given = Objects.requireNonNullElse(given, Optional.empty());
        family = Objects.requireNonNullElse(family, Optional.empty());
        birthDate = Objects.requireNonNullElse(birthDate, Optional.empty());
        phone = Objects.requireNonNullElse(phone, Optional.empty());
        email = Objects.requireNonNullElse(email, Optional.empty());
    }

    /** Whether no field is present. */
    public boolean isEmpty() {
        return presentFields().isEmpty();
    }

    /** Whether a name is present (free text, given or family), not only contact details. */
    public boolean hasName() {
        return text.isPresent() || given.isPresent() || family.isPresent();
    }

    /** The names of the fields that are present, e.g. {@code [text, phone]}; never their values. */
    public List<String> presentFields() {
        List<String> present = new ArrayList<>();
        text.ifPresent(v -> present.add("text"));
        given.ifPresent(v -> present.add("given"));
        family.ifPresent(v -> present.add("family"));
        birthDate.ifPresent(v -> present.add("birthDate"));
        phone.ifPresent(v -> present.add("phone"));
        email.ifPresent(v -> present.add("email"));
        return List.copyOf(present);
    }

    @Override
    public String toString() {
        return "ReferrerDescription" + presentFields();
    }
}
