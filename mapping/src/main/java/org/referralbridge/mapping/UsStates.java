package org.referralbridge.mapping;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** US states, DC and territories: a two-letter USPS code or a full name, read as the two-letter code. */
final class UsStates {

    private static final String[][] STATES = {
        {"AL", "Alabama"},
        {"AK", "Alaska"},
        {"AZ", "Arizona"},
        {"AR", "Arkansas"},
        {"CA", "California"},
        {"CO", "Colorado"},
        {"CT", "Connecticut"},
        {"DE", "Delaware"},
        {"DC", "District of Columbia"},
        {"FL", "Florida"},
        {"GA", "Georgia"},
        {"HI", "Hawaii"},
        {"ID", "Idaho"},
        {"IL", "Illinois"},
        {"IN", "Indiana"},
        {"IA", "Iowa"},
        {"KS", "Kansas"},
        {"KY", "Kentucky"},
        {"LA", "Louisiana"},
        {"ME", "Maine"},
        {"MD", "Maryland"},
        {"MA", "Massachusetts"},
        {"MI", "Michigan"},
        {"MN", "Minnesota"},
        {"MS", "Mississippi"},
        {"MO", "Missouri"},
        {"MT", "Montana"},
        {"NE", "Nebraska"},
        {"NV", "Nevada"},
        {"NH", "New Hampshire"},
        {"NJ", "New Jersey"},
        {"NM", "New Mexico"},
        {"NY", "New York"},
        {"NC", "North Carolina"},
        {"ND", "North Dakota"},
        {"OH", "Ohio"},
        {"OK", "Oklahoma"},
        {"OR", "Oregon"},
        {"PA", "Pennsylvania"},
        {"RI", "Rhode Island"},
        {"SC", "South Carolina"},
        {"SD", "South Dakota"},
        {"TN", "Tennessee"},
        {"TX", "Texas"},
        {"UT", "Utah"},
        {"VT", "Vermont"},
        {"VA", "Virginia"},
        {"WA", "Washington"},
        {"WV", "West Virginia"},
        {"WI", "Wisconsin"},
        {"WY", "Wyoming"},
        {"AS", "American Samoa"},
        {"GU", "Guam"},
        {"MP", "Northern Mariana Islands"},
        {"PR", "Puerto Rico"},
        {"VI", "U.S. Virgin Islands"}
    };

    private static final Map<String, String> CODES = codesByName();

    private static Map<String, String> codesByName() {
        Map<String, String> codes = new HashMap<>();
        for (String[] state : STATES) {
            codes.put(state[0].toLowerCase(Locale.ROOT), state[0]);
            codes.put(state[1].toLowerCase(Locale.ROOT), state[0]);
        }
        codes.put("virgin islands", "VI");
        codes.put("us virgin islands", "VI");
        return Map.copyOf(codes);
    }

    private UsStates() {}

    static Optional<String> code(String text) {
        return Optional.ofNullable(CODES.get(text.strip().toLowerCase(Locale.ROOT)));
    }
}
