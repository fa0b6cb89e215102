package org.referralbridge.server;

import java.time.Clock;
import java.util.List;
import org.referralbridge.mapping.cli.MappingCommand;
import org.referralbridge.server.ehr.FhirContextWarmUp;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ReferralBridgeApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("mapping")) {
            // clinic IT's profile tools (validate, dry-run): no Spring, no database, no EHR
            CommandLineLogging.toStandardErrorWarningsOnly();
            System.exit(MappingCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        // the FHIR model and its core StructureDefinitions load on a second core while Spring starts on this one
        FhirContextWarmUp.start();
        SpringApplication application = new SpringApplication(ReferralBridgeApplication.class);
        // --reset: delete the embedded database and the sandbox journal before anything opens them
        application.addListeners(new EmbeddedDataReset());
        application.run(args);
    }

    /** The one clock every module reads time from, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
