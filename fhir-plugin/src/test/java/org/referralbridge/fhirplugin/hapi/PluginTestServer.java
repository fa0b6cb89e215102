package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.referralbridge.testehr.HapiJpaTestServer;

/**
 * The shared HAPI FHIR JPA server with the plugin loaded by package scan, as the public starter loads it, and a
 * client for it that does not first fetch the server's CapabilityStatement (slow on a busy machine, and not what
 * these tests are about).
 */
final class PluginTestServer {

    private PluginTestServer() {}

    static HapiJpaTestServer server() {
        return HapiJpaTestServer.shared(
                HapiJpaTestServer.Options.defaults().withBeanPackages("org.referralbridge.fhirplugin.hapi"));
    }

    static IGenericClient client(HapiJpaTestServer server) {
        IRestfulClientFactory clients = server.fhirContext().getRestfulClientFactory();
        clients.setServerValidationMode(ServerValidationModeEnum.NEVER);
        clients.setSocketTimeout(60_000);
        return server.fhirContext().newRestfulGenericClient(server.baseUrl());
    }
}
