package org.referralbridge.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small OpenID Connect provider over real HTTP for the tests of signing staff in through the clinic's identity
 * provider: discovery, the authorization endpoint (it asks nothing: it signs in whoever the test named with {@link
 * #nextSignIn}), the token endpoint (authorization code, client secret basic; an RS256 ID token with the nonce and an
 * access token), the JWKS and RP-initiated logout. What it was asked is kept for the test to check.
 */
final class TestIdentityProvider implements AutoCloseable {

    static final String CLIENT_ID = "referral-bridge-staff";
    static final String CLIENT_SECRET = "test-client-secret-0123456789";

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<String> logouts = new CopyOnWriteArrayList<>();
    private volatile Person next;

    /** Who the next sign-in is: their user name and the roles claim. */
    record Person(String username, List<String> roles) {}

    private record Grant(Person person, String nonce, String redirectUri) {}

    private TestIdentityProvider(HttpServer server, RSAKey key) {
        this.server = server;
        this.key = key;
        this.issuer = "http://localhost:" + server.getAddress().getPort() + "/idp";
        server.createContext("/idp/.well-known/openid-configuration", this::discovery);
        server.createContext("/idp/authorize", this::authorize);
        server.createContext("/idp/token", this::token);
        server.createContext("/idp/jwks", this::jwks);
        server.createContext("/idp/logout", this::logout);
        server.start();
    }

    static TestIdentityProvider start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            return new TestIdentityProvider(
                    server, new RSAKeyGenerator(2048).keyID("idp-1").generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return issuer;
    }

    void nextSignIn(String username, String... roles) {
        next = new Person(username, List.of(roles));
    }

    /** The {@code post_logout_redirect_uri} of each logout asked for, in order. */
    List<String> logouts() {
        return logouts;
    }

    /** An access token for the API, as this provider would issue one. */
    String accessToken(String username, String... roles) {
        return sign(claims(new Person(username, List.of(roles)), "referral-bridge-api", null));
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("authorization_endpoint", issuer + "/authorize");
        document.put("token_endpoint", issuer + "/token");
        document.put("jwks_uri", issuer + "/jwks");
        document.put("end_session_endpoint", issuer + "/logout");
        document.put("response_types_supported", List.of("code"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("scopes_supported", List.of("openid"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        answer(exchange, 200, json.writeValueAsString(document));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        Person person = next;
        if (person == null || !CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))) {
            answer(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(person, query.get("nonce"), query.get("redirect_uri")));
        String location = query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(body.get("code")));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                || grant == null
                || !"authorization_code".equals(body.get("grant_type"))
                || !grant.redirectUri().equals(body.get("redirect_uri"))) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("access_token", sign(claims(grant.person(), "referral-bridge-api", null)));
        tokens.put("token_type", "Bearer");
        tokens.put("expires_in", 300);
        tokens.put("scope", "openid");
        tokens.put("id_token", sign(claims(grant.person(), CLIENT_ID, grant.nonce())));
        answer(exchange, 200, json.writeValueAsString(tokens));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        answer(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String back = query.get("post_logout_redirect_uri");
        logouts.add(String.valueOf(back));
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private JWTClaimsSet claims(Person person, String audience, String nonce) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("sub-" + person.username())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", person.username())
                .claim("roles", person.roles());
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return claims.build();
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
