package org.referralbridge.fhirplugin.client;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.client.api.ClientResponseContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.IRestfulClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP exchange whose body the caller reads and writes as bytes, not as HAPI's model, so nothing the model does
 * not know is lost. It runs through the generic client's interceptors exactly as HAPI's own requests do (timeouts,
 * authorization with its renewal after a 401, transient statuses), so it fails the same way they do.
 */
final class RawExchange {

    private final FhirContext fhirContext;

    RawExchange(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** A GET asking for FHIR JSON. */
    Response get(IGenericClient client, String url) {
        return send(client, RequestTypeEnum.GET, url, null, null, Map.of());
    }

    /**
     * Sends the request; any status comes back as a {@link Response}, except those the interceptors turn into
     * failures (a final 401, 429, 5xx) and network failures, which surface as HAPI's client exceptions for {@link
     * FailureTranslation}.
     */
    Response send(
            IGenericClient client,
            RequestTypeEnum method,
            String url,
            String body,
            String contentType,
            Map<String, String> headers) {
        IHttpClient http = fhirContext
                .getRestfulClientFactory()
                .getHttpClient(new StringBuilder(url), null, null, method, List.of());
        IHttpRequest request = body == null
                ? http.createGetRequest(fhirContext, EncodingEnum.JSON)
                : http.createByteRequest(fhirContext, body, contentType, EncodingEnum.JSON);
        headers.forEach(request::addHeader);
        client.getInterceptorService()
                .callHooks(
                        Pointcut.CLIENT_REQUEST,
                        new HookParams().add(IHttpRequest.class, request).add(IRestfulClient.class, client));
        IHttpResponse response;
        try {
            response = request.execute();
        } catch (IOException e) {
            throw new FhirClientConnectionException(e);
        }
        ClientResponseContext context = new ClientResponseContext(request, response, client, fhirContext, null);
        try {
            client.getInterceptorService()
                    .callHooks(
                            Pointcut.CLIENT_RESPONSE,
                            new HookParams()
                                    .add(IHttpRequest.class, request)
                                    .add(IHttpResponse.class, response)
                                    .add(IRestfulClient.class, client)
                                    .add(ClientResponseContext.class, context));
            IHttpResponse answer = context.getHttpResponse();
            byte[] bytes;
            try (InputStream in = answer.readEntity()) {
                bytes = in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                throw new FhirClientConnectionException(e);
            }
            return new Response(answer.getStatus(), answer.getAllHeaders(), bytes);
        } finally {
            response.close();
            if (context.getHttpResponse() != response) {
                context.getHttpResponse().close();
            }
        }
    }

    /** What came back; header names compare case-insensitively. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(name))
                    .flatMap(header -> header.getValue().stream())
                    .findFirst();
        }

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }
}
