package org.referralbridge.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, against the real PostgreSQL in a schema of the test class's own (made
 * afresh for each run, see {@link PostgresSchemaCustomizerFactory}), with the sandbox EHR over real HTTP.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public @interface IntegrationTest {

    /** Command-line arguments of the application, e.g. {@code --demo}. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "args")
    String[] args() default {};
}
