package com.accountsnapshot.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.AccountSnapshotApplication;
import com.accountsnapshot.TestDatabase;
import com.accountsnapshot.TestPortfolio;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code serve} with JWTs from an issuer (a key pair made here, its public key served by a local JWKS endpoint,
 * so every token's signature is really checked) next to a configured Basic user and a datasource password: the
 * token cases, and no secret in any line the process prints while it starts, serves and runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServeSecurityTest {

    private static final String ISSUER = "https://issuer.account-snapshot.test";

    private static final String USER_PASSWORD = "user-pw-7f3a9c";

    private static final String DATASOURCE_PASSWORD = "ds-pw-51be02";

    private static HttpServer jwks;

    private static RSAKey key;

    private static ConfigurableApplicationContext serve;

    private static RestClient http;

    @BeforeAll
    static void startIssuerAndServe() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        String keys = new JWKSet(key.toPublicJWK()).toString();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", exchange -> {
            byte[] body = keys.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        serve = new SpringApplicationBuilder(AccountSnapshotApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of(
                        "server.port", "0",
                        "spring.datasource.url", TestDatabase.url(),
                        "spring.datasource.username", TestDatabase.username(),
                        // the test server trusts local connections: the password is only carried, never needed
                        "spring.datasource.password", DATASOURCE_PASSWORD,
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER,
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                        "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks",
                        "account-snapshot.security.users.ops.password", "{noop}" + USER_PASSWORD,
                        "account-snapshot.security.users.ops.roles", "OPERATOR",
                        "logging.level.org.springframework.security", "DEBUG"))
                .run();
        http = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + serve.getEnvironment().getProperty("local.server.port")).build();
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    @Test
    void validTokenIsAcceptedWithItsRoles() throws Exception {
        String token = token(claims().claim("roles", List.of("VIEWER")).build(), key);

        assertThat(status("/api/snapshot-runs", "Bearer " + token)).isEqualTo(200);
        assertThat(status("/api/audit", "Bearer " + token)).isEqualTo(403);
    }

    @Test
    void tokenWithoutRolesIsAuthenticatedButMayDoNothing() throws Exception {
        String token = token(claims().build(), key);

        assertThat(status("/api/snapshot-runs", "Bearer " + token)).isEqualTo(403);
        assertThat(status("/actuator/info", "Bearer " + token)).isEqualTo(200);
    }

    @Test
    void expiredForgedAndForeignTokensAreRefused() throws Exception {
        String expired = token(claims().claim("roles", List.of("VIEWER"))
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build(), key);
        String forged = token(claims().claim("roles", List.of("ADMIN")).build(),
                new RSAKeyGenerator(2048).keyID("test-key").generate());
        String foreign = token(claims().claim("roles", List.of("VIEWER")).issuer("https://other.test").build(), key);

        for (String token : List.of(expired, forged, foreign)) {
            assertThat(status("/api/snapshot-runs", "Bearer " + token)).isEqualTo(401);
        }
        assertThat(status("/api/snapshot-runs", "Bearer not-a-jwt")).isEqualTo(401);
    }

    @Test
    void noCredentialsAreChallengedForBothWaysIn() {
        List<String> challenges = http.get().uri("/api/snapshot-runs")
                .exchange((request, response) -> {
                    assertThat(response.getStatusCode().value()).isEqualTo(401);
                    return response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE);
                });

        assertThat(challenges).containsExactly("Basic realm=\"account-snapshot\"", "Bearer realm=\"account-snapshot\"");
        assertThat(status("/actuator/health", null)).isEqualTo(200);
        assertThat(status("/api/snapshot-runs", basic("ops", "wrong"))).isEqualTo(401);
    }

    @Test
    void noSecretAppearsInAnyLineWhileServingAndRunning(CapturedOutput output) {
        JdbcTemplate jdbc = serve.getBean(JdbcTemplate.class);
        new TestPortfolio(jdbc).clean().cleanJobRepository().account(1, 100, "Account 1", "100.00", "active", null);
        String ops = basic("ops", USER_PASSWORD);

        long run = http.post().uri("/api/account-snapshots/create").header(HttpHeaders.AUTHORIZATION, ops)
                .contentType(MediaType.APPLICATION_JSON).body("{\"account_id\": 1, \"as_of\": \"2026-11-28T00:00:00Z\"}")
                .retrieve().body(tools.jackson.databind.JsonNode.class).get("execution_id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(
                jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class,
                        run)));
        status("/api/snapshot-runs", basic("ops", "wrong-" + USER_PASSWORD));

        // a line of the start-up is in the output, so the start-up was captured
        assertThat(output.getAll()).contains("account-snapshot.security.users.ops.password is stored in plain text");
        assertThat(output.getAll()).doesNotContain(USER_PASSWORD).doesNotContain(DATASOURCE_PASSWORD)
                .doesNotContain(Base64.getEncoder().encodeToString(("ops:" + USER_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("jwt-user").issuer(ISSUER).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))));
    }

    private static String token(JWTClaimsSet claims, RSAKey signingKey) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int status(String uri, @Nullable String authorization) {
        RestClient.RequestHeadersSpec<?> request = http.get().uri(uri);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request.exchange((req, response) -> response.getStatusCode().value());
    }

}
