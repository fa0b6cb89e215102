package org.referralbridge.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Base;

/**
 * A profile expression that is nothing but a dotted path of element names ({@code status}, {@code class.code},
 * {@code serviceType.coding}), possibly with {@code extension('<url>')} steps ({@code
 * extension('https://...').extension('code').value}), evaluated by walking the HAPI R4 model instead of the FHIRPath
 * engine, whose fixed cost per call is several times that of such a walk.
 *
 * <p>Each step does what the R4 engine (org.hl7.fhir.r4.fhirpath.FHIRPathEngine, as HAPI 8.8.0 runs it, without
 * polymorphic names and without host constants) does. A name: every item's {@link Base#listChildrenByName(String,
 * boolean) children of that name}, unchecked, nulls dropped, an id reduced to its unqualified versionless form, all
 * flattened into one collection; a choice element is therefore reached by its bare name ({@code value}) and a typed
 * name such as {@code valueString} yields nothing, as in the engine. {@code extension('<url>')}: every item's
 * extensions, then its modifier extensions, whose url reads as exactly that text. Anything else (other functions,
 * operators, literals with escapes or quotes, a leading type name, quoted names, keywords) is left to the engine:
 * {@link #of} refuses it.
 */
final class ElementPath {

    /** Names starting lower case: an upper-case first name is a type filter in FHIRPath. */
    private static final String NAME = "[a-z][A-Za-z0-9_]*";

    /** A url literal without escapes or quotes, so its text is the url itself. */
    private static final String EXTENSION = "extension\\('([^'\\\\]+)'\\)";

    private static final Pattern STEP = Pattern.compile("(?:" + EXTENSION + "|(" + NAME + "))(?:\\.|$)");

    /** Words the FHIRPath grammar reads as literals or operators, not as element names. */
    private static final Set<String> KEYWORDS =
            Set.of("true", "false", "and", "or", "xor", "implies", "is", "as", "div", "mod", "in", "contains");

    /** One step: a child name, or the url of an {@code extension()} filter. */
    private record Step(String name, String extensionUrl) {}

    private final List<Step> steps;

    private ElementPath(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The path, or empty when the expression is not a plain dotted path of element names and extension filters. */
    static Optional<ElementPath> of(String expression) {
        if (expression == null || expression.isEmpty() || expression.endsWith(".")) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        Matcher step = STEP.matcher(expression);
        int at = 0;
        while (at < expression.length()) {
            if (!step.find(at) || step.start() != at) {
                return Optional.empty();
            }
            String name = step.group(2);
            if (name != null && KEYWORDS.contains(name)) {
                return Optional.empty();
            }
            steps.add(new Step(name, step.group(1)));
            at = step.end();
        }
        return Optional.of(new ElementPath(steps));
    }

    /** Whether the walk can read this input; other inputs go to the engine. */
    static boolean reads(IBase input) {
        return input instanceof Base;
    }

    /** The elements the path reaches from an R4 element or resource, in document order; empty when absent. */
    List<IBase> evaluate(IBase input) {
        List<? extends Base> focus = List.of((Base) input);
        for (Step step : steps) {
            if (focus.size() == 1 && step.name() != null) {
                focus = childrenOf(focus.get(0), step.name());
            } else {
                List<Base> next = new ArrayList<>(4);
                for (Base item : focus) {
                    add(step, item, next);
                }
                focus = next;
            }
            if (focus.isEmpty()) {
                return List.of();
            }
        }
        return Collections.unmodifiableList(focus);
    }

    /** The children of one item, as the engine has them; the model's own array when it needs no change. */
    private static List<Base> childrenOf(Base item, String name) {
        Base[] children = item.listChildrenByName(name, false);
        if (children == null || children.length == 0) {
            return List.of();
        }
        for (Base child : children) {
            if (child == null || IS_ID.get(child.getClass())) {
                List<Base> kept = new ArrayList<>(children.length);
                addAll(children, kept);
                return kept;
            }
        }
        return Arrays.asList(children);
    }

    private static void add(Step step, Base item, List<Base> into) {
        if (step.name() != null) {
            addChildren(item, step.name(), into);
        } else {
            addExtensions(item, step.extensionUrl(), into);
        }
    }

    private static void addChildren(Base item, String name, List<Base> into) {
        Base[] children = item.listChildrenByName(name, false);
        if (children != null) {
            addAll(children, into);
        }
    }

    /** The children without nulls, ids as the engine hands them out. */
    private static void addAll(Base[] children, List<Base> into) {
        for (Base child : children) {
            if (child != null) {
                into.add(withoutTypeAndVersion(child));
            }
        }
    }

    private static void addExtensions(Base item, String url, List<Base> into) {
        List<Base> extensions = new ArrayList<>();
        addChildren(item, "extension", extensions);
        addChildren(item, "modifierExtension", extensions);
        for (Base extension : extensions) {
            List<Base> urls = new ArrayList<>();
            addChildren(extension, "url", urls);
            if (url.equals(text(urls))) {
                into.add(extension);
            }
        }
    }

    /** The engine's text of a collection: each item's text, comma-separated ({@code null} for a missing value). */
    private static String text(List<Base> items) {
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (Base item : items) {
            if (!first) {
                text.append(',');
            }
            first = false;
            if (item instanceof IIdType id) {
                text.append(id.getIdPart());
            } else if (item.isPrimitive()) {
                text.append(item.primitiveValue());
            } else {
                text.append(item);
            }
        }
        return text.toString();
    }

    /**
     * Whether a model class is an id. Asked per class once: on Java 17 a failing {@code instanceof} against an
     * interface scans all the class's interfaces every time, and nearly every child is not an id.
     */
    private static final ClassValue<Boolean> IS_ID = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return IIdType.class.isAssignableFrom(type);
        }
    };

    /** The engine hands out ids as {@code toUnqualifiedVersionless().withResourceType(null)}. */
    private static Base withoutTypeAndVersion(Base element) {
        if (IS_ID.get(element.getClass()) && element instanceof IIdType id) {
            return (Base) id.toUnqualifiedVersionless().withResourceType(null);
        }
        return element;
    }
}
