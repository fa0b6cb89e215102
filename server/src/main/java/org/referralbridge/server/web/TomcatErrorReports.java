package org.referralbridge.server.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Tomcat answers some requests itself, before Spring sees them (see {@link ProblemReportValve}); its error report is
 * replaced so that those answers are problems too, never an HTML page.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReports {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve(ServerProperties server) {
        DataSize limit = server.getMaxHttpRequestHeaderSize();
        long maxHeaderBytes = limit == null ? 8 * 1024 : limit.toBytes();
        return new Customizer(maxHeaderBytes);
    }

    /** Runs after Spring Boot's own customizer, which adds the stock ErrorReportValve this one takes out again. */
    private record Customizer(long maxHeaderBytes)
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            // Tomcat answers TRACE itself, with an empty 405; let through, it meets RequestTargetCheck, which
            // refuses it with a problem (no servlet ever serves it: HttpServlet's TRACE would echo the headers)
            factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemReportValve(maxHeaderBytes));
                if (host instanceof StandardHost standard) {
                    // else the host adds the stock valve when it starts
                    standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
