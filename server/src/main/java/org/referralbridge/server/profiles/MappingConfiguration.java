package org.referralbridge.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.referralbridge.mapping.MappingProfile;
import org.referralbridge.mapping.MappingProfiles;
import org.referralbridge.mapping.ProfileEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MappingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MappingConfiguration.class);

    /**
     * The shipped profiles and clinic IT's directory, all loaded and checked at start: a bad profile stops the start
     * with every problem of every file, located by file, line and field.
     */
    @Bean
    MappingCatalog mappingCatalog(FhirContext fhirContext, MappingProperties properties) {
        MappingProfiles loader = new MappingProfiles(fhirContext);
        Optional<Path> directory = Optional.ofNullable(properties.directory())
                .filter(dir -> !dir.isBlank())
                .map(Path::of);
        Map<String, MappingProfile> profiles = loader.all(directory);
        MappingCatalog catalog = new MappingCatalog(fhirContext, loader, profiles, properties.profile());
        MappingProfile active = catalog.profile(properties.profile()).orElseThrow();
        log.info(
                "Mapping profile '{}' from {} ({} profiles known{})",
                active.name(),
                active.sourceName(),
                profiles.size(),
                directory.map(dir -> ", directory " + dir).orElse(""));
        return catalog;
    }

    /** The EHR connection's profile, compiled once. */
    @Bean
    ProfileEvaluator mappingProfile(MappingCatalog catalog) {
        return catalog.active();
    }
}
