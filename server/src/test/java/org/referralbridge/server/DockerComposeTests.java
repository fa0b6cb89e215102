package org.referralbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml, the README's description of it, and the service's settings must tell the same story. */
class DockerComposeTests {

    private static final Path ROOT = Path.of("..");

    @Test
    void servicesAndPortsAreThoseTheReadmeDocuments() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, String[]> documented = readmeTable();

        assertThat(services).containsOnlyKeys(documented.keySet());
        documented.forEach((service, row) -> {
            Map<String, Object> definition = services.get(service);
            String image = row[0].replace("`", "");
            if (image.startsWith("built from")) {
                assertThat(definition).containsKey("build");
            } else {
                assertThat(definition.get("image")).as(service).isEqualTo(image);
            }
            assertThat(hostPorts(definition)).as("%s host port", service).containsExactly(row[1]);
            assertThat(definition).as("%s has a health check", service).containsKey("healthcheck");
        });
    }

    @Test
    void theEhrRunsTheOfficialHapiImageWithSubscriptionsAndThePluginJarOfThisBuild() throws IOException {
        Map<String, Object> hapi = services().get("hapi");
        Map<String, Object> environment = environment(hapi);

        assertThat((String) hapi.get("image")).startsWith("hapiproject/hapi:v8.8.0");
        assertThat(environment)
                .containsEntry("hapi.fhir.subscription.resthook_enabled", "true")
                .containsEntry("hapi.fhir.custom-bean-packages", "org.referralbridge.fhirplugin.hapi");
        String mount = ((List<?>) hapi.get("volumes")).get(0).toString();
        String jar = mount.substring(0, mount.indexOf(':'));
        assertThat(jar)
                .isEqualTo("./fhir-plugin/target/referral-bridge-fhir-plugin-" + projectVersion() + "-hapi-plugin.jar");
        assertThat(mount).contains(":/app/extra-classes/");
        String probe = hapi.get("healthcheck").toString();
        assertThat(probe).contains("org.referralbridge.fhirplugin.probe.HttpProbe");
        assertThat(ROOT.resolve("fhir-plugin/src/main/java/org/referralbridge/fhirplugin/probe/HttpProbe.java"))
                .exists();
    }

    @Test
    void theServiceIsWiredToTheOtherServicesThroughSettingsItReads() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, Object> service = environment(services.get("referral-bridge"));
        Map<String, Object> postgres = environment(services.get("postgres"));
        String postgresProfile = Files.readString(Path.of("src/main/resources/application-postgres.yml"));

        assertThat(service).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
        for (String name : service.keySet()) {
            if (name.startsWith("RB_")) {
                assertThat(postgresProfile)
                        .as("application-postgres.yml reads %s", name)
                        .contains("${" + name + ":");
            }
        }
        URI ehr = URI.create((String) service.get("RB_EHR_BASE_URL"));
        assertThat(ehr.getHost()).isEqualTo("hapi");
        assertThat(ehr.getPort()).isEqualTo(containerPort(services.get("hapi")));
        URI notify = URI.create((String) service.get("RB_NOTIFY_PUBLIC_URL"));
        assertThat(notify.getHost()).isEqualTo("referral-bridge");
        assertThat(notify.getPort()).isEqualTo(containerPort(services.get("referral-bridge")));
        assertThat(notify.getPath()).isEqualTo("/fhir/notify");
        assertThat((String) service.get("RB_DB_URL"))
                .isEqualTo("jdbc:postgresql://postgres:" + containerPort(services.get("postgres")) + "/"
                        + postgres.get("POSTGRES_DB"));
        assertThat(service.get("RB_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(service.get("RB_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        assertThat(services.get("referral-bridge").get("depends_on").toString())
                .contains("postgres={condition=service_healthy}", "hapi={condition=service_healthy}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        Map<String, Object> environment = new LinkedHashMap<>();
        ((Map<String, Object>) service.get("environment")).forEach((k, v) -> environment.put(k, String.valueOf(v)));
        return environment;
    }

    private static List<String> hostPorts(Map<String, Object> service) {
        return ((List<?>) service.get("ports"))
                .stream().map(p -> p.toString().split(":")[0]).toList();
    }

    private static int containerPort(Map<String, Object> service) {
        return Integer.parseInt(
                ((List<?>) service.get("ports")).get(0).toString().split(":")[1]);
    }

    /** The rows of the README's Docker Compose table: service → [image, host port]. */
    private static Map<String, String[]> readmeTable() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("### Docker Compose");
        assertThat(section).as("README.md has a Docker Compose section").isNotNegative();
        Matcher row =
                Pattern.compile("(?m)^\\| `([a-z-]+)` \\| (.+?) \\| (\\d+) \\|").matcher(readme.substring(section));
        Map<String, String[]> rows = new LinkedHashMap<>();
        while (row.find()) {
            rows.put(row.group(1), new String[] {row.group(2).trim(), row.group(3)});
        }
        return rows;
    }

    private static String projectVersion() throws IOException {
        Matcher version = Pattern.compile(
                        "<artifactId>referral-bridge-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }
}
