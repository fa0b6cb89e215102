package org.referralbridge.testehr;

import jakarta.servlet.Servlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Embedded Jetty serving one servlet at {@code /fhir/*} on a free port of the loopback interface. */
final class JettyHost implements AutoCloseable {

    static final String FHIR_PATH = "/fhir";

    private final Server jetty;
    private final int port;

    private JettyHost(Server jetty, int port) {
        this.jetty = jetty;
        this.port = port;
    }

    static JettyHost serve(Servlet servlet) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("test-ehr-http");
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("fhir", servlet);
        holder.setInitOrder(1);
        context.addServlet(holder, FHIR_PATH + "/*");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start", e);
        }
        return new JettyHost(jetty, connector.getLocalPort());
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
