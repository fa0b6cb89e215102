package org.referralbridge.fhirplugin.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HttpProbeTests {

    @Test
    void healthyOnlyWhenTheUrlAnswersWithSuccess() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(HttpProbe.answers(base + "/ok")).isTrue();
            assertThat(HttpProbe.answers(base + "/broken")).isFalse();
            assertThat(HttpProbe.answers("http://127.0.0.1:1/nothing")).isFalse();
            assertThat(HttpProbe.answers("not a url")).isFalse();
        } finally {
            server.stop(0);
        }
    }
}
