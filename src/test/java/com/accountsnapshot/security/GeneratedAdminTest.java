package com.accountsnapshot.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.accountsnapshot.AccountSnapshotApplication;
import com.accountsnapshot.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} with no user and no JWT issuer configured: one {@code admin} with every role and a random
 * password, printed once at start-up with the properties to set instead; the password works, and appears in no
 * other line, however many requests follow.
 */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminTest {

    private static final Pattern GENERATED = Pattern.compile(
            "Using generated password for user 'admin' \\(roles ADMIN, OPERATOR, VIEWER, MONITOR\\): (\\S+)\n");

    @Test
    void generatedAdminIsPrintedOnceAndWorks(CapturedOutput output) {
        try (ConfigurableApplicationContext serve = new SpringApplicationBuilder(AccountSnapshotApplication.class)
                .web(WebApplicationType.SERVLET).properties(Map.of("server.port", "0",
                        "spring.datasource.url", TestDatabase.url(),
                        "spring.datasource.username", TestDatabase.username()))
                .run()) {
            Matcher printed = GENERATED.matcher(output.getAll());
            assertThat(printed.find()).as(output.getAll()).isTrue();
            String password = printed.group(1);
            RestClient http = RestClient.builder()
                    .baseUrl("http://127.0.0.1:" + serve.getEnvironment().getProperty("local.server.port")).build();

            assertThat(status(http, "/api/snapshot-runs", "admin", password)).isEqualTo(200);
            assertThat(status(http, "/api/audit", "admin", password)).isEqualTo(200);
            assertThat(status(http, "/actuator/prometheus", "admin", password)).isEqualTo(200);
            assertThat(status(http, "/api/snapshot-runs", "admin", "x" + password)).isEqualTo(401);

            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(output.getAll().split(Pattern.quote(password), -1)).as("lines holding the password")
                    .hasSize(2);
            assertThat(output.getAll()).contains("It is shown this once. Configure users instead with "
                    + "account-snapshot.security.users.<name>.password ({bcrypt}...), .roles and .customers, or a JWT "
                    + "issuer with spring.security.oauth2.resourceserver.jwt.issuer-uri (or .jwk-set-uri).");
        }
    }

    private static int status(RestClient http, String uri, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .exchange((request, response) -> response.getStatusCode().value());
    }
}
