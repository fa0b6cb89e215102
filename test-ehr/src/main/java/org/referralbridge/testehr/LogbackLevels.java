package org.referralbridge.testehr;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.ILoggerFactory;

/** Logback-specific half of {@link QuietLogging}; loaded only when Logback is on the class path. */
final class LogbackLevels {

    private LogbackLevels() {}

    static boolean isActive(ILoggerFactory factory) {
        return factory instanceof LoggerContext;
    }

    static void warn(List<String> loggers) {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        for (String name : loggers) {
            ch.qos.logback.classic.Logger logger = context.getLogger(name);
            // Only where nobody chose a level: a test that wants DEBUG from HAPI configures it and keeps it.
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
