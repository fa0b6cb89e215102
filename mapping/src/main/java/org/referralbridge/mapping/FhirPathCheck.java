package org.referralbridge.mapping;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a profile's FHIRPath expression when the profile is loaded, so that a typo fails at startup and not on the
 * first notification: it must parse, use only the environment constants the evaluator provides, and not start with a
 * resource type other than the one its section is evaluated on.
 */
final class FhirPathCheck {

    /** Constants the HAPI R4 engine resolves without a terminology server or host services. */
    private static final Set<String> KNOWN_CONSTANTS =
            Set.of("resource", "rootResource", "context", "ucum", "sct", "loinc");

    private static final Pattern LEADING_TYPE = Pattern.compile("^\\s*([A-Z][A-Za-z]*)\\s*(?:\\.|$)");

    private final IFhirPath fhirPath;
    private final Set<String> resourceTypes;

    FhirPathCheck(FhirContext fhirContext) {
        this.fhirPath = fhirContext.newFhirPath();
        this.resourceTypes = fhirContext.getResourceTypes();
    }

    /** What is wrong with the expression, or empty when it is usable on resources of the given type. */
    Optional<String> problemWith(String expression, String resourceType) {
        if (expression == null || expression.isBlank()) {
            return Optional.of("empty FHIRPath expression");
        }
        try {
            fhirPath.parse(expression);
        } catch (Exception e) {
            return Optional.of("FHIRPath does not parse: " + e.getMessage());
        }
        Matcher leading = LEADING_TYPE.matcher(expression);
        if (leading.find()) {
            String type = leading.group(1);
            if (resourceTypes.contains(type) && !type.equals(resourceType)) {
                return Optional.of(
                        "wrong resource type: the expression starts with '%s' but this section is evaluated on %s resources"
                                .formatted(type, resourceType));
            }
        }
        return unknownConstant(expression)
                .map(name ->
                        "unknown FHIRPath constant '%%%s'; only %%resource, %%rootResource, %%context, %%ucum, %%sct and %%loinc are available"
                                .formatted(name));
    }

    /** The first {@code %name} outside string literals that the evaluator cannot resolve. */
    private static Optional<String> unknownConstant(String expression) {
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '\'') {
                i = skipLiteral(expression, i, c);
            } else if (c == '%') {
                int end = i + 1;
                String name;
                if (end < expression.length() && expression.charAt(end) == '`') {
                    int close = expression.indexOf('`', end + 1);
                    close = close < 0 ? expression.length() : close;
                    name = expression.substring(end + 1, close);
                    end = close + 1;
                } else {
                    while (end < expression.length() && isNameChar(expression.charAt(end))) {
                        end++;
                    }
                    name = expression.substring(i + 1, end);
                }
                if (!KNOWN_CONSTANTS.contains(name)) {
                    return Optional.of(name);
                }
                i = end;
            } else {
                i++;
            }
        }
        return Optional.empty();
    }

    private static int skipLiteral(String expression, int start, char quote) {
        int i = start + 1;
        while (i < expression.length() && expression.charAt(i) != quote) {
            i += expression.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
