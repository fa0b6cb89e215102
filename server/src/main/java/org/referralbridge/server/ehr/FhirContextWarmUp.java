package org.referralbridge.server.ehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.r4.model.Patient;

/**
 * Builds the application's one FhirContext, and can do so on a thread of its own while Spring starts.
 *
 * <p>Most of what a FhirContext costs comes when it is first used, not when it is made: the first FHIRPath engine
 * (the sandbox's searches, the mapping profile) reads and parses every core StructureDefinition (about 3 s of one
 * core here), and each resource type's model is scanned on first use. {@link #start()}, called first thing in
 * {@code main}, does that on a daemon thread beside Spring's own start (which keeps one core busy until the context
 * is needed); the {@code fhirContext} bean then {@link #takeOrBuild() takes} the result. A FhirContext is
 * thread-safe, and nobody else sees it before the warm-up has finished.
 */
public final class FhirContextWarmUp {

    /** The resource types the service and its sandbox EHR read, write or receive, scanned ahead of their first use. */
    static final List<String> TYPES = List.of(
            "Patient",
            "Encounter",
            "Consent",
            "Coverage",
            "QuestionnaireResponse",
            "Questionnaire",
            "RelatedPerson",
            "Practitioner",
            "Organization",
            "Basic",
            "Task",
            "Provenance",
            "Flag",
            "Subscription",
            "Bundle",
            "Parameters",
            "OperationOutcome",
            "CapabilityStatement");

    private static final AtomicReference<CompletableFuture<FhirContext>> STARTED = new AtomicReference<>();

    private FhirContextWarmUp() {}

    /** Starts building and warming up the context on a daemon thread; does nothing while one waits to be taken. */
    public static void start() {
        CompletableFuture<FhirContext> warming = new CompletableFuture<>();
        if (!STARTED.compareAndSet(null, warming)) {
            return;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        warming.complete(warmedUp(build()));
                    } catch (Throwable e) {
                        warming.completeExceptionally(e);
                    }
                },
                "rb-fhir-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The context {@link #start()} built, waiting for it if need be, to the first caller only; otherwise (no warm-up
     * started, as in tests, or a second application context in this JVM) a new one built here.
     */
    static FhirContext takeOrBuild() {
        CompletableFuture<FhirContext> warming = STARTED.getAndSet(null);
        if (warming == null) {
            return build();
        }
        try {
            return warming.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("Could not build the FHIR context", e.getCause());
        }
    }

    /**
     * A new R4 context with the application's settings. A Provenance names the exact version it is about, so the
     * parsers keep versions in {@code Provenance.target} (HAPI strips them from references by default).
     *
     * <p>Parsing is lenient about values: a Patient whose gender or birth date a strict parser refuses is still the
     * EHR's record, and its referral evidence must still be read (our write-backs edit the JSON as read, never the
     * model, so nothing is lost). The handler logs nothing, because HAPI's messages quote the offending value.
     */
    static FhirContext build() {
        FhirContext fhirContext = FhirContext.forR4();
        fhirContext.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        fhirContext.getParserOptions().setDontStripVersionsFromReferencesAtPaths("Provenance.target");
        return fhirContext;
    }

    /** Does now, once, what the first users of the context would otherwise each wait for. */
    static FhirContext warmedUp(FhirContext fhirContext) {
        TYPES.forEach(fhirContext::getResourceDefinition);
        // the first FHIRPath engine loads the core StructureDefinitions into the context's validation support, which
        // keeps them for every later engine
        fhirContext.newFhirPath();
        IParser json = fhirContext.newJsonParser();
        Patient patient = new Patient();
        patient.setId("warm-up");
        patient.addName().setFamily("Warm").addGiven("Up");
        json.parseResource(Patient.class, json.encodeResourceToString(patient));
        return fhirContext;
    }
}
