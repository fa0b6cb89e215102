package org.referralbridge.server.ehr;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** One line at startup that tells an operator which database and which EHR are in use (no credentials). */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final DataSource dataSource;
    private final EhrBaseUrl ehrBaseUrl;

    StartupReport(DataSource dataSource, EhrBaseUrl ehrBaseUrl) {
        this.dataSource = dataSource;
        this.ehrBaseUrl = ehrBaseUrl;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info(
                "Referral Bridge is ready: database {}, EHR {}{}",
                database(),
                ehrBaseUrl.get(),
                ehrBaseUrl.isEmbedded() ? " (built-in sandbox EHR)" : "");
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
