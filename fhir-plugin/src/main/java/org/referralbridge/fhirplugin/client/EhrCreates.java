package org.referralbridge.fhirplugin.client;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EHR client's creates: conditional, under an id of ours (with the fallback for EHRs that refuse client ids,
 * remembered per base URL and type), and unconditional. Failures are translated like every other call.
 */
final class EhrCreates {

    private static final Logger log = LoggerFactory.getLogger(EhrCreates.class);

    private final FhirContext fhirContext;
    private final Supplier<IGenericClient> client;
    private final Supplier<String> baseUrl;
    private final Set<String> clientIdsRefused = ConcurrentHashMap.newKeySet();

    EhrCreates(FhirContext fhirContext, Supplier<IGenericClient> client, Supplier<String> baseUrl) {
        this.fhirContext = fhirContext;
        this.client = client;
        this.baseUrl = baseUrl;
    }

    /**
     * Creates the resource unless one matching {@code ifNoneExistQuery} already exists (FHIR conditional create), so
     * a retried create never makes a duplicate.
     *
     * @param ifNoneExistQuery search parameters as in a URL's query, e.g. {@code identifier=https://sys|123}, with or
     *     without a leading {@code Type?}
     */
    CreateOutcome create(IBaseResource resource, String ifNoneExistQuery) {
        String typeName = fhirContext.getResourceType(resource);
        String query = ifNoneExistQuery.startsWith(typeName + "?")
                ? ifNoneExistQuery.substring(typeName.length() + 1)
                : ifNoneExistQuery;
        if (query.isBlank()) {
            throw new IllegalArgumentException("a conditional create needs a non-empty query");
        }
        try {
            // Set by hand: HAPI's conditionalByUrl() sends the whole URL, base and _format included, as If-None-Exist,
            // where FHIR expects only the search parameters; not every EHR accepts HAPI's form.
            MethodOutcome outcome = client.get()
                    .create()
                    .resource(resource)
                    .withAdditionalHeader("If-None-Exist", query)
                    .execute();
            return createOutcome(typeName, outcome);
        } catch (RuntimeException failure) {
            throw FailureTranslation.translate(failure, "conditional create " + typeName);
        }
    }

    /**
     * Creates the resource under an id of our choosing ({@code PUT Type/id}: FHIR's update as create), so a repeated
     * call writes the same resource again instead of a second one, and without the search a conditional create makes
     * the EHR run (a tag search that grows slower with the EHR's data on some servers). Where the EHR does not let
     * clients choose ids (it refuses that PUT with 400, 404, 405 or 422), this falls back to {@link
     * #create(IBaseResource, String)} on {@code ifNoneExistQuery}, and keeps to that for the type from then on.
     *
     * @param id a FHIR id that is not all digits (servers keep those for their own ids)
     */
    CreateOutcome createWithId(IBaseResource resource, String id, String ifNoneExistQuery) {
        String typeName = fhirContext.getResourceType(resource);
        EhrClient.requireFhirId(id);
        if (id.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("a client-assigned id must not be all digits");
        }
        String refusalKey = baseUrl.get() + " " + typeName;
        if (!clientIdsRefused.contains(refusalKey)) {
            try {
                resource.setId(new IdType(typeName, id));
                MethodOutcome outcome = client.get()
                        .update()
                        .resource(resource)
                        .withId(new IdType(typeName, id))
                        .execute();
                return createOutcome(typeName, outcome);
            } catch (InvalidRequestException
                    | ResourceNotFoundException
                    | MethodNotAllowedException
                    | UnprocessableEntityException refused) {
                log.info(
                        "EHR refuses client-assigned {} ids (HTTP {}); creating them conditionally from now on",
                        typeName,
                        refused.getStatusCode());
                clientIdsRefused.add(refusalKey);
                resource.setId((IIdType) null);
            } catch (RuntimeException failure) {
                throw FailureTranslation.translate(failure, "create " + typeName + " with its id");
            }
        }
        return create(resource, ifNoneExistQuery);
    }

    /** Creates the resource unconditionally; for resources that are looked up another way before. */
    CreateOutcome create(IBaseResource resource) {
        String typeName = fhirContext.getResourceType(resource);
        try {
            return createOutcome(
                    typeName, client.get().create().resource(resource).execute());
        } catch (RuntimeException failure) {
            throw FailureTranslation.translate(failure, "create " + typeName);
        }
    }

    private static CreateOutcome createOutcome(String typeName, MethodOutcome outcome) {
        IIdType id = outcome.getId();
        return new CreateOutcome(
                Boolean.TRUE.equals(outcome.getCreated()),
                typeName,
                id == null ? null : id.getIdPart(),
                id == null ? null : id.getVersionIdPart());
    }
}
