package org.referralbridge.fhirplugin.client;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.RequestFormatParamStyleEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks FHIR R4 to one EHR: reads, version-checked read-modify-write, conditional creates and paging searches.
 * Thread-safe; build one per EHR connection and share it. Failures surface as {@link EhrException}s whose messages
 * carry no PHI. A request the EHR answers with 401 is repeated once with a renewed token where the {@link EhrAuth} can
 * renew one (SMART Backend Services, a token provider); otherwise, or when the repeat gets a 401 too, it fails as
 * {@link EhrRequestRejected} with status 401.
 */
public final class EhrClient {

    private static final Logger log = LoggerFactory.getLogger(EhrClient.class);
    /**
     * How many written versions {@link #wroteVersion} remembers: enough for the echoes of a backlog of ten thousand
     * write-backs to arrive after it (about 2 MB of keys).
     */
    public static final int OWN_WRITES_REMEMBERED = 20_000;

    /** How long {@link #wroteVersion} waits at most for a write of ours still under way. */
    public static final Duration OWN_WRITE_PATIENCE = Duration.ofSeconds(5);

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final FhirContext fhirContext;
    private final EhrConnection connection;
    private final ApacheRestfulClientFactory clientFactory;
    private final TimeoutInterceptor timeouts;
    private final AuthorizationInterceptor authorization;
    private final TransientStatusInterceptor transientStatus;
    private final AtomicReference<BoundClient> bound = new AtomicReference<>();
    private final ExtensionUpdate extensionUpdate;
    private final OwnWrites ownWrites;
    /** {@code <base URL> <type>} of the EHRs and types that refused an id of ours (see {@link #createWithId}). */
    private final EhrCreates creates;

    private final Duration ownWritePatience;

    public EhrClient(FhirContext fhirContext, EhrConnection connection) {
        this(fhirContext, connection, Clock.systemUTC());
    }

    EhrClient(FhirContext fhirContext, EhrConnection connection, Clock clock) {
        this(fhirContext, connection, clock, true);
    }

    /** @param usePatch false to write whole resources even where the EHR offers PATCH (to test that path) */
    EhrClient(FhirContext fhirContext, EhrConnection connection, Clock clock, boolean usePatch) {
        if (fhirContext.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("EhrClient speaks FHIR R4, got a "
                    + fhirContext.getVersion().getVersion() + " FhirContext");
        }
        this.fhirContext = fhirContext;
        this.connection = Objects.requireNonNull(connection, "connection");
        // A factory of our own only so that the generic clients it builds skip fetching the EHR's CapabilityStatement
        // first, without changing the application-wide factory of the shared FhirContext. Timeouts cannot be set
        // here: HAPI runs each request on the FhirContext's factory's HTTP client (see TimeoutInterceptor).
        this.clientFactory = new ApacheRestfulClientFactory(fhirContext);
        clientFactory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        this.timeouts = new TimeoutInterceptor(connection.connectTimeout(), connection.readTimeout());
        this.authorization = AuthorizationInterceptor.forConnection(connection, clock);
        this.transientStatus = new TransientStatusInterceptor(clock);
        ObjectMapper json = new ObjectMapper();
        this.ownWrites = new OwnWrites(OWN_WRITES_REMEMBERED);
        this.ownWritePatience = connection.readTimeout().compareTo(OWN_WRITE_PATIENCE) < 0
                ? connection.readTimeout()
                : OWN_WRITE_PATIENCE;
        this.extensionUpdate = new ExtensionUpdate(
                json,
                new RawExchange(fhirContext),
                usePatch ? new PatchSupport(json) : PatchSupport.never(),
                this::client,
                connection::currentBaseUrl,
                connection.maxVersionConflictRetries() + 1);
        this.creates = new EhrCreates(fhirContext, this::client, connection::currentBaseUrl);
    }

    /** The current version of a resource, or empty when the EHR has none (404) or it was deleted (410). */
    public <T extends IBaseResource> Optional<T> read(Class<T> type, String id) {
        String typeName = fhirContext.getResourceType(type);
        requireFhirId(id);
        try {
            return Optional.of(client().read().resource(type).withId(id).execute());
        } catch (ResourceNotFoundException | ResourceGoneException absent) {
            return Optional.empty();
        } catch (RuntimeException failure) {
            throw FailureTranslation.translate(failure, "read " + typeName + "/" + id);
        }
    }

    /**
     * Read-modify-write that never loses a concurrent change: reads the resource, applies {@code change} and writes
     * the whole resource back, re-encoded from HAPI's model, with {@code If-Match} on the version read; for the
     * service's own resources (e.g. Subscriptions). An EHR's resources are changed with {@link #updateExtension}, which
     * keeps what HAPI's model would lose. On a version conflict (412, or 409 from HAPI FHIR JPA servers) it re-reads and re-applies, up to {@link
     * EhrConnection#maxVersionConflictRetries()} times, then throws {@link EhrVersionConflict}.
     */
    public <T extends IBaseResource> WriteOutcome update(Class<T> type, String id, ResourceChange<T> change) {
        String typeName = fhirContext.getResourceType(type);
        String operation = "update " + typeName + "/" + id;
        int maxAttempts = connection.maxVersionConflictRetries() + 1;
        for (int attempt = 1; ; attempt++) {
            Optional<T> current = read(type, id);
            if (current.isEmpty()) {
                return new WriteOutcome(WriteOutcome.Result.NOT_FOUND, typeName, id, null);
            }
            T resource = current.get();
            String versionRead = versionOf(resource);
            if (!change.applyTo(resource)) {
                return new WriteOutcome(WriteOutcome.Result.UNCHANGED, typeName, id, versionRead);
            }
            if (versionRead == null) {
                throw new EhrWriteRefused(
                        operation,
                        "the EHR reports no version of it, and a write without a version check could"
                                + " overwrite a concurrent change");
            }
            try {
                String written;
                ownWrites.started(typeName, id);
                try {
                    written = write(resource, new IdType(typeName, id, versionRead));
                    ownWrites.ended(typeName, id, written);
                } catch (RuntimeException failure) {
                    ownWrites.ended(typeName, id, null);
                    throw failure;
                }
                return new WriteOutcome(WriteOutcome.Result.WRITTEN, typeName, id, written);
            } catch (PreconditionFailedException | ResourceVersionConflictException conflict) {
                if (attempt >= maxAttempts) {
                    throw new EhrVersionConflict(operation, attempt, null);
                }
                log.debug("Version conflict on {} (attempt {} of {}), re-reading", operation, attempt, maxAttempts);
            } catch (RuntimeException failure) {
                throw FailureTranslation.translate(failure, operation);
            }
        }
    }

    /**
     * Changes one top-level extension of a resource and nothing else, working on the JSON the EHR sent (never parsed
     * into HAPI's model, so unknown elements, versioned references, contained resources, the narrative and values
     * HAPI would refuse all stay as they are). Where the EHR's CapabilityStatement (read once) offers JSON Patch on
     * the type, only the extension is sent; otherwise the resource as read, with only that extension replaced. Both
     * carry {@code If-Match} on the version read (its ETag, else {@code meta.versionId}); on a version conflict (412,
     * or 409) it re-reads and re-applies, up to {@link EhrConnection#maxVersionConflictRetries()} times, then throws
     * {@link EhrVersionConflict}.
     *
     * @throws EhrWriteRefused when the EHR reports no version of the resource, or the resource carries the extension
     *     more than once: nothing is written then
     */
    public WriteOutcome updateExtension(String resourceType, String id, String extensionUrl, ExtensionChange change) {
        return updateExtension(resourceType, id, extensionUrl, change, null);
    }

    /**
     * {@link #updateExtension(String, String, String, ExtensionChange)} starting from JSON {@link #currentJson} just
     * returned instead of reading the resource: the write still carries {@code If-Match} on that version, and a
     * conflict re-reads as always.
     *
     * @param current the resource's JSON from {@link #currentJson}, or null to read it
     */
    public WriteOutcome updateExtension(
            String resourceType, String id, String extensionUrl, ExtensionChange change, CurrentJson current) {
        fhirContext.getResourceDefinition(resourceType); // fails fast on an unknown type
        requireFhirId(id);
        Objects.requireNonNull(extensionUrl, "extensionUrl");
        WriteOutcome outcome = null;
        ownWrites.started(resourceType, id);
        try {
            outcome = extensionUpdate.run(resourceType, id, extensionUrl, change, current);
            return outcome;
        } finally {
            boolean written = outcome != null && outcome.result() == WriteOutcome.Result.WRITTEN;
            ownWrites.ended(resourceType, id, written ? outcome.versionId() : null);
        }
    }

    /**
     * The current JSON of several resources of one type, fetched with one search ({@code Type?_id=a,b,c}), for a
     * batch of {@link #updateExtension(String, String, String, ExtensionChange, CurrentJson)} calls. Resources the
     * search did not return are missing from the map (read them one by one). Empty, without a search, where the EHR
     * offers no JSON Patch on the type: a whole resource is only ever written back from a read of it.
     */
    public Map<String, CurrentJson> currentJson(String resourceType, Collection<String> ids) {
        fhirContext.getResourceDefinition(resourceType); // fails fast on an unknown type
        ids.forEach(EhrClient::requireFhirId);
        if (ids.isEmpty()) {
            return Map.of();
        }
        return extensionUpdate.readAll(resourceType, ids);
    }

    /**
     * Whether this client wrote exactly that version of the resource (lately: the last {@value
     * #OWN_WRITES_REMEMBERED} versions are remembered, in memory). A notification of such a version is
     * the echo of our own write-back, and reading the resource again would tell nothing new. False for a version
     * somebody else wrote, for a null version, and for a version no longer remembered. An EHR may notify of a write
     * before its answer to it has arrived: while a write of this client to the resource is under way, this waits for
     * it to end, up to {@link #OWN_WRITE_PATIENCE} (or the read timeout, when shorter).
     */
    public boolean wroteVersion(String resourceType, String id, String versionId) {
        try {
            return ownWrites.isOwn(resourceType, id, versionId, ownWritePatience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Creates the resource unless one matching {@code ifNoneExistQuery} already exists (FHIR conditional create), so
     * a retried create never makes a duplicate.
     *
     * @param ifNoneExistQuery search parameters as in a URL's query, e.g. {@code identifier=https://sys|123}, with or
     *     without a leading {@code Type?}
     */
    public CreateOutcome create(IBaseResource resource, String ifNoneExistQuery) {
        return creates.create(resource, ifNoneExistQuery);
    }

    /**
     * Creates the resource under an id of our choosing ({@code PUT Type/id}), falling back to a conditional create on
     * {@code ifNoneExistQuery} for types whose ids the EHR will not let clients choose (see {@link EhrCreates}).
     *
     * @param id a FHIR id that is not all digits (servers keep those for their own ids)
     */
    public CreateOutcome createWithId(IBaseResource resource, String id, String ifNoneExistQuery) {
        return creates.createWithId(resource, id, ifNoneExistQuery);
    }

    /** Creates the resource unconditionally; for resources that are looked up another way before. */
    public CreateOutcome create(IBaseResource resource) {
        return creates.create(resource);
    }

    /**
     * Searches and streams the result page by page, following each {@code next} link only when the stream gets
     * there. Each element is the matching resources of one page (included resources left out).
     *
     * @param params raw search parameters, e.g. {@code _lastUpdated -> [gt2024-01-01T00:00:00Z]}, {@code _count}
     */
    public Stream<List<IBaseResource>> searchPages(String resourceType, Map<String, List<String>> params) {
        fhirContext.getResourceDefinition(resourceType); // fails fast on an unknown type
        String operation = "search " + resourceType;
        SearchPages pages = new SearchPages(
                () -> translating(
                        operation,
                        () -> client().search()
                                .forResource(resourceType)
                                .whereMap(params)
                                .returnBundle(Bundle.class)
                                .execute()),
                previous -> translating(
                        operation, () -> client().loadPage().next(previous).execute()));
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * The first page of a search, with the Bundle's {@code total} and {@code next} link, for a caller that keeps its
     * own place (see {@link #nextPage}).
     */
    public SearchPage searchPage(String resourceType, Map<String, List<String>> params) {
        fhirContext.getResourceDefinition(resourceType); // fails fast on an unknown type
        Bundle bundle = translating(
                "search " + resourceType,
                () -> client().search()
                        .forResource(resourceType)
                        .whereMap(params)
                        .returnBundle(Bundle.class)
                        .execute());
        return SearchPages.page(bundle);
    }

    /** The page a {@link SearchPage#nextUrl()} points to; the EHR may have forgotten it (then an {@link EhrException}). */
    public SearchPage nextPage(String nextUrl) {
        Bundle bundle = translating(
                "search next page",
                () -> client().loadPage()
                        .byUrl(nextUrl)
                        .andReturnBundle(Bundle.class)
                        .execute());
        return SearchPages.page(bundle);
    }

    /** Like {@link #searchPages} with the pages flattened into one stream of resources. */
    public Stream<IBaseResource> search(String resourceType, Map<String, List<String>> params) {
        return searchPages(resourceType, params).flatMap(List::stream);
    }

    private String write(IBaseResource resource, IIdType target) {
        // HAPI sends If-Match: W/"<version>" because the target id carries the version read.
        MethodOutcome outcome =
                client().update().resource(resource).withId(target).execute();
        if (outcome.getId() != null && outcome.getId().hasVersionIdPart()) {
            return outcome.getId().getVersionIdPart();
        }
        return outcome.getResource() == null ? null : versionOf(outcome.getResource());
    }

    private static <R> R translating(String operation, java.util.function.Supplier<R> call) {
        try {
            return call.get();
        } catch (RuntimeException failure) {
            throw FailureTranslation.translate(failure, operation);
        }
    }

    private static String versionOf(IBaseResource resource) {
        String version = resource.getIdElement().getVersionIdPart();
        return version != null ? version : resource.getMeta().getVersionId();
    }

    static void requireFhirId(String id) {
        if (id == null || !FHIR_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a FHIR logical id");
        }
    }

    /** The generic client for the base URL as of now; rebuilt only when the base URL changes. */
    private IGenericClient client() {
        String baseUrl = connection.currentBaseUrl();
        BoundClient current = bound.get();
        if (current != null && current.baseUrl().equals(baseUrl)) {
            return current.client();
        }
        IGenericClient client = clientFactory.newGenericClient(baseUrl);
        client.setEncoding(EncodingEnum.JSON);
        client.setFormatParamStyle(RequestFormatParamStyleEnum.NONE); // Accept header only, no _format in URLs
        client.registerInterceptor(timeouts);
        // In this order: hooks of equal order run as registered, and the transient-status check must see the
        // response of a request the authorization interceptor repeated after a 401.
        client.registerInterceptor(authorization);
        client.registerInterceptor(transientStatus);
        bound.set(new BoundClient(baseUrl, client));
        return client;
    }

    private record BoundClient(String baseUrl, IGenericClient client) {}
}
