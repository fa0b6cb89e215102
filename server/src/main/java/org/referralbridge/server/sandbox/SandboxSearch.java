package org.referralbridge.server.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Matches resources against simple FHIR search parameters in memory, for the sandbox's searches and Subscription
 * criteria: {@code _id}, {@code _lastUpdated}, and token, uri, string and reference parameters of the resource
 * type (comma = or, repeated parameter = and). Anything else is refused with a message that says so.
 */
final class SandboxSearch {

    private static final Set<String> IGNORED = Set.of(
            "_format",
            "_pretty",
            "_count",
            "_sort",
            "_summary",
            "_elements",
            "_total",
            "_getpages",
            "_getpagesoffset",
            "_bundletype",
            "_include",
            "_revinclude");

    private static final Pattern RESOLVE_IS = Pattern.compile("\\.where\\(resolve\\(\\) is ([A-Za-z]+)\\)");

    private final FhirContext fhirContext;
    private final IFhirPath fhirPath;

    SandboxSearch(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.fhirPath = fhirContext.newFhirPath();
    }

    /** Reads {@code Type?a=b&c=d} into the type and its parameters. */
    static Criteria parseCriteria(String criteria) {
        String trimmed = criteria.trim();
        int question = trimmed.indexOf('?');
        String type = question < 0 ? trimmed : trimmed.substring(0, question);
        Map<String, String[]> params = new LinkedHashMap<>();
        if (question >= 0) {
            for (String pair : trimmed.substring(question + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.merge(name, new String[] {value}, (a, b) -> concat(a, b));
            }
        }
        return new Criteria(type, params);
    }

    boolean matches(IBaseResource resource, Map<String, String[]> params) {
        for (Map.Entry<String, String[]> param : params.entrySet()) {
            String name = param.getKey();
            if (IGNORED.contains(name)) {
                continue;
            }
            for (String clause : param.getValue()) {
                if (!matchesClause(resource, name, clause)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean matchesClause(IBaseResource resource, String name, String clause) {
        if (name.equals("_id")) {
            return Arrays.asList(clause.split(","))
                    .contains(resource.getIdElement().getIdPart());
        }
        if (name.equals("_lastUpdated")) {
            Date lastUpdated = resource.getMeta().getLastUpdated();
            DateRangeParam range = new DateRangeParam(new DateParam(clause));
            Date from = range.getLowerBoundAsInstant();
            Date to = range.getUpperBoundAsInstant();
            return lastUpdated != null
                    && (from == null || !lastUpdated.before(from))
                    && (to == null || !lastUpdated.after(to));
        }
        if (name.contains(":")) {
            throw new InvalidRequestException("the sandbox EHR does not support search modifiers (" + name + ")");
        }
        RuntimeSearchParam searchParam =
                fhirContext.getResourceDefinition(resource).getSearchParam(name);
        if (searchParam == null) {
            throw new InvalidRequestException(
                    "unknown search parameter " + name + " for " + fhirContext.getResourceType(resource));
        }
        List<IBase> values = values(resource, searchParam.getPath());
        for (String wanted : clause.split(",")) {
            for (IBase value : values) {
                if (valueMatches(searchParam, value, wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The values a search parameter's path selects. Reference parameters such as Encounter's {@code patient} use
     * {@code .where(resolve() is Patient)}, which FHIRPath cannot evaluate without a server to resolve against: the
     * sandbox reads the type from the reference itself instead.
     */
    private List<IBase> values(IBaseResource resource, String path) {
        Matcher resolveIs = RESOLVE_IS.matcher(path);
        if (!resolveIs.find()) {
            return fhirPath.evaluate(resource, path, IBase.class);
        }
        String type = resolveIs.group(1);
        return fhirPath.evaluate(resource, resolveIs.replaceAll(""), IBase.class).stream()
                .filter(value -> value instanceof Reference reference
                        && reference.getReference() != null
                        && (reference.getReference().startsWith(type + "/")
                                || reference.getReference().contains("/" + type + "/")))
                .toList();
    }

    private static boolean valueMatches(RuntimeSearchParam param, IBase value, String wanted) {
        return switch (param.getParamType()) {
            case TOKEN -> tokenMatches(value, wanted);
            case URI -> value instanceof PrimitiveType<?> p && wanted.equals(p.getValueAsString());
            case STRING -> stringMatches(value, wanted);
            case DATE -> dateMatches(value, wanted);
            case REFERENCE -> value instanceof Reference r && r.getReference() != null && referenceMatches(r, wanted);
            default ->
                throw new InvalidRequestException("the sandbox EHR does not search " + param.getParamType()
                        + " parameters (" + param.getName() + ")");
        };
    }

    /** A versioned search value matches that version only; an unversioned one matches any version of it. */
    private static boolean referenceMatches(Reference reference, String wanted) {
        String stored =
                wanted.contains("/_history/") ? reference.getReference() : withoutVersion(reference.getReference());
        return stored.equals(wanted) || stored.endsWith("/" + wanted);
    }

    private static String withoutVersion(String reference) {
        int history = reference.indexOf("/_history/");
        return history < 0 ? reference : reference.substring(0, history);
    }

    /** Like a FHIR server: case-insensitive starts-with, on a primitive or on any part of a HumanName. */
    private static boolean stringMatches(IBase value, String wanted) {
        if (value instanceof HumanName name) {
            List<String> parts = new java.util.ArrayList<>();
            name.getGiven().forEach(given -> parts.add(given.getValue()));
            parts.add(name.getFamily());
            parts.add(name.getText());
            name.getPrefix().forEach(prefix -> parts.add(prefix.getValue()));
            return parts.stream().anyMatch(part -> startsWith(part, wanted));
        }
        return value instanceof PrimitiveType<?> p && startsWith(p.getValueAsString(), wanted);
    }

    private static boolean startsWith(String text, String wanted) {
        return text != null
                && text.toLowerCase(java.util.Locale.ROOT).startsWith(wanted.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Equality ({@code eq} or no prefix) on the value's own precision: 1980-05 matches 1980-05-17. {@code ge},
     * {@code gt}, {@code le} and {@code lt} compare the value's range (a date, or a Period: no start or no end is open)
     * with the search date's, as a FHIR server does: {@code ge2026-09-01} matches whatever ends on or after it.
     */
    private static boolean dateMatches(IBase value, String wanted) {
        if (wanted.isEmpty() || Character.isDigit(wanted.charAt(0)) || wanted.startsWith("eq")) {
            String date = wanted.startsWith("eq") ? wanted.substring(2) : wanted;
            return value instanceof PrimitiveType<?> p
                    && p.getValueAsString() != null
                    && p.getValueAsString().startsWith(date);
        }
        String prefix = wanted.length() > 2 ? wanted.substring(0, 2) : wanted;
        if (!Set.of("ge", "gt", "le", "lt").contains(prefix)) {
            throw new InvalidRequestException(
                    "the sandbox EHR searches dates with eq, ge, gt, le or lt only (" + wanted + ")");
        }
        Date low;
        Date high;
        if (value instanceof org.hl7.fhir.r4.model.Period period) {
            low = period.getStart();
            high = period.getEnd();
        } else if (value instanceof org.hl7.fhir.r4.model.BaseDateTimeType date && date.getValue() != null) {
            low = date.getValue();
            high = date.getValue();
        } else {
            return false;
        }
        if (low == null && high == null) {
            return false;
        }
        DateRangeParam range = new DateRangeParam(new DateParam(wanted));
        if (prefix.startsWith("g")) {
            Date from = range.getLowerBoundAsInstant();
            return high == null || from == null || !high.before(from);
        }
        Date to = range.getUpperBoundAsInstant();
        return low == null || to == null || !low.after(to);
    }

    private static boolean tokenMatches(IBase value, String wanted) {
        int bar = wanted.indexOf('|');
        String system = bar < 0 ? null : wanted.substring(0, bar);
        String code = bar < 0 ? wanted : wanted.substring(bar + 1);
        if (value instanceof CodeableConcept concept) {
            return concept.getCoding().stream().anyMatch(c -> codingMatches(c.getSystem(), c.getCode(), system, code));
        }
        if (value instanceof Coding coding) {
            return codingMatches(coding.getSystem(), coding.getCode(), system, code);
        }
        if (value instanceof Identifier identifier) {
            return codingMatches(identifier.getSystem(), identifier.getValue(), system, code);
        }
        if (value instanceof ContactPoint point) {
            return code.equalsIgnoreCase(point.getValue());
        }
        return value instanceof PrimitiveType<?> primitive && code.equals(primitive.getValueAsString());
    }

    private static boolean codingMatches(String system, String code, String wantedSystem, String wantedCode) {
        return (wantedSystem == null || wantedSystem.equals(system))
                && (wantedCode.isEmpty() || wantedCode.equals(code));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    record Criteria(String resourceType, Map<String, String[]> params) {}
}
