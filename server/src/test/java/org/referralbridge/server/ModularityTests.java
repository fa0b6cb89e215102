package org.referralbridge.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module structure of docs/architecture.md, checked rather than hoped for. */
class ModularityTests {

    private static final String[] DOMAIN_MODULES = {
        "org.referralbridge.server.program..",
        "org.referralbridge.server.referral..",
        "org.referralbridge.server.reward..",
        "org.referralbridge.server.compliance..",
        "org.referralbridge.server.consent..",
        "org.referralbridge.server.messages.."
    };

    @Test
    void modulesDependOnEachOtherOnlyThroughTheirApiAndWithoutCycles() {
        ApplicationModules.of(ReferralBridgeApplication.class).verify();
    }

    @Test
    void domainModulesSpeakInTheirOwnRecordsNotInHapiTypes() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.referralbridge.server");
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN_MODULES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ca.uhn..", "org.hl7..")
                .because("ingest and writeback translate between FHIR and the domain (docs/architecture.md)")
                .check(classes);
    }
}
