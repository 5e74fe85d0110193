package com.accountsnapshot;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A console visitor over plain HTTP, as a browser does it without the browser: a session cookie, the CSRF token
 * of the page it last read, and the login form. Redirects are not followed, so that a test sees them.
 */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final Pattern CSRF_META = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    private final String base;

    private final HttpClient http;

    private @Nullable String csrf;

    /** A response: status, the Location header (null when none) and the body. */
    public record Page(int status, @Nullable String location, String body) {
    }

    private ConsoleSession(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A visitor who has read the login page (so holds a session and a CSRF token) but has not signed in. */
    public static ConsoleSession anonymous(int port) {
        ConsoleSession session = new ConsoleSession(port);
        session.get("/login");
        return session;
    }

    /** A visitor signed in through the login form. */
    public static ConsoleSession signedIn(int port, String user, String password) {
        ConsoleSession session = anonymous(port);
        Page answer = session.post("/login", Map.of("username", user, "password", password));
        if (answer.status() != 302 || answer.location() == null || answer.location().contains("error")) {
            throw new IllegalStateException("could not sign in as " + user + ": " + answer.status() + " "
                    + answer.location());
        }
        session.get("/runs");
        return session;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A form post carrying the session's CSRF token. */
    public Page post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.put("_csrf", csrf);
        }
        return postWithoutToken(path, fields);
    }

    /** A form post without a CSRF token (a forged request from another site). */
    public Page postWithoutToken(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            Matcher token = CSRF_META.matcher(body);
            Matcher field = CSRF.matcher(body);
            if (token.find()) {
                csrf = token.group(1);
            }
            else if (field.find()) {
                csrf = field.group(1);
            }
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null), body);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
