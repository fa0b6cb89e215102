package org.referralbridge.server.ehr;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One line at startup that tells an operator which database, which EHR and which sign-in are in use. No credential
 * or secret ever: user and password in a URL are masked, secrets are reported as set or not, never shown.
 */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final DataSource dataSource;
    private final EhrBaseUrl ehrBaseUrl;
    private final Environment environment;

    StartupReport(DataSource dataSource, EhrBaseUrl ehrBaseUrl, Environment environment) {
        this.dataSource = dataSource;
        this.ehrBaseUrl = ehrBaseUrl;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info(
                "Referral Bridge is ready: database {}, EHR {}{} (auth {}), sign-in {}, notification secret {}",
                database(),
                masked(ehrBaseUrl.get()),
                ehrBaseUrl.isEmbedded() ? " (built-in sandbox EHR)" : "",
                environment.getProperty("referralbridge.ehr.auth.type", "none"),
                environment.getProperty("referralbridge.security.mode", "local"),
                setOrNot("referralbridge.notify.secret", "referralbridge.notify.secrets-file"));
    }

    /** The database's URL without credentials, and its product name. */
    private String database() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            return withoutCredentials(metaData.getURL()) + " (" + metaData.getDatabaseProductName() + ")";
        } catch (SQLException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** "set (masked)" when any of the properties has a value, else what happens without one. */
    private String setOrNot(String... properties) {
        for (String property : properties) {
            String value = environment.getProperty(property);
            if (value != null && !value.isBlank()) {
                return "set (masked)";
            }
        }
        return "not set (random for this run)";
    }

    /** A URL with the user and password it may carry ({@code https://user:password@host}) masked. */
    static String masked(String url) {
        return url == null ? "unknown" : url.replaceAll("//[^/@]*@", "//***@");
    }

    /** JDBC URLs may carry user and password as parameters; drop every parameter. */
    static String withoutCredentials(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "unknown";
        }
        String url = jdbcUrl.replaceAll("//[^/@]*@", "//");
        int query = url.indexOf('?');
        url = query < 0 ? url : url.substring(0, query);
        int h2Options = url.startsWith("jdbc:h2:") ? url.indexOf(';') : -1;
        return h2Options < 0 ? url : url.substring(0, h2Options);
    }
}
