package org.referralbridge.testehr;

import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Turns the loggers of what the fixture runs (HAPI, Hibernate Search, Quartz, Jetty, H2's pool) down to WARN when
 * the test JVM logs through Logback, so that starting the server does not flood the test output. Loggers of
 * frameworks the host application shares (Spring, Hibernate ORM) are left as the host configured them.
 */
final class QuietLogging {

    static final List<String> LOGGERS = List.of(
            "ca.uhn.fhir",
            "org.hibernate.search",
            "org.quartz",
            "org.eclipse.jetty",
            "org.apache.commons.dbcp2",
            "org.hl7.fhir");

    private QuietLogging() {}

    static void apply() {
        if (isLogback()) {
            LogbackLevels.warn(LOGGERS);
        }
    }

    private static boolean isLogback() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, QuietLogging.class.getClassLoader());
        } catch (ClassNotFoundException absent) {
            return false;
        }
        return LogbackLevels.isActive(LoggerFactory.getILoggerFactory());
    }
}
