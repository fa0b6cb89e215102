package org.referralbridge.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Every event of every logger (but those whose names start with an ignored prefix, e.g. a test's own SMTP server),
 * formatted with its arguments, its MDC and its exceptions' messages and stack traces: what the PHI log scans read.
 * Attach it after the Spring context started, since Spring Boot's logging system resets Logback while it starts.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final String ignoredPrefix;

    public LogCapture() {
        this(null);
    }

    /** @param ignoredPrefix loggers whose names start with it are not captured; null: none ignored */
    public LogCapture(String ignoredPrefix) {
        this.ignoredPrefix = ignoredPrefix;
    }

    /** Starts capturing on the root logger. */
    public void attach() {
        setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        start();
        root().addAppender(this);
    }

    /** Stops capturing; what was captured stays readable. */
    public void detach() {
        root().detachAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (ignoredPrefix != null && event.getLoggerName().startsWith(ignoredPrefix)) {
            return;
        }
        StringBuilder line =
                new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                line.append(" | ").append(argument);
            }
        }
        if (event.getThrowableProxy() != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        if (event.getMDCPropertyMap() != null && !event.getMDCPropertyMap().isEmpty()) {
            line.append(" mdc=").append(event.getMDCPropertyMap());
        }
        lines.add(line.toString());
    }

    public String text() {
        return String.join("\n", lines);
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
