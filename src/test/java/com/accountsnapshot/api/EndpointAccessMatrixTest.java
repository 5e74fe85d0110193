package com.accountsnapshot.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.accountsnapshot.ConsoleSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint {@code serve} maps (the API's, springdoc's, the actuator's and Spring's own, read from the
 * handler mappings, so that an endpoint added without a row here fails this test) against every kind of
 * principal: the exact status of each cell. 401 no credentials, 403 missing role, 400/409 mean the request
 * passed authorisation and was then refused on its merits (nothing changes).
 */
class EndpointAccessMatrixTest extends ApiTest {

    /** The columns: anonymous, then the test users of {@link ApiTest}. */
    static final List<@Nullable String> PRINCIPALS = java.util.Arrays.asList(null, "viewer", "operator", "admin",
            "monitor", "scoped-viewer", "scoped-operator");

    static final int[] READ = {401, 200, 200, 200, 403, 200, 200};

    /** On a COMPLETED run of customer 100: allowed, then refused as in the wrong state. */
    static final int[] ACT_ON_RUN = {401, 403, 409, 409, 403, 403, 409};

    static final int[] ADMIN_ONLY = {401, 403, 403, 200, 403, 403, 403};

    static final int[] MONITOR_ONLY = {401, 403, 403, 403, 200, 403, 403};

    static final int[] AUTHENTICATED = {401, 200, 200, 200, 200, 200, 200};

    static final int[] EVERYONE = {200, 200, 200, 200, 200, 200, 200};

    @Autowired
    ApplicationContext context;

    private long run;

    /** Account 1's snapshot, taken by that run. */
    private long snapshot;

    @BeforeEach
    void seed() {
        portfolio.account(1, 100, "Account 1", "100.00", "active", null);
        portfolio.account(5, 200, "Account 5", "100.00", "active", null);
        run = create("{\"customer_id\": 100, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        awaitStatus(run, "COMPLETED");
        snapshot = jdbc.queryForObject("SELECT snapshot_id FROM account_snapshots WHERE account_id = 1", Long.class);
    }

    /** Method and path pattern of each endpoint, the request that exercises it, and the status per principal. */
    private Map<String, Cell> expected() {
        Map<String, Cell> rows = new LinkedHashMap<>();
        rows.put("GET /api/snapshot-runs", new Cell("/api/snapshot-runs", null, READ));
        rows.put("GET /api/snapshot-runs/{id}", new Cell("/api/snapshot-runs/" + run, null, READ));
        rows.put("GET /api/snapshot-runs/{id}/issues", new Cell("/api/snapshot-runs/" + run + "/issues", null, READ));
        rows.put("POST /api/snapshot-runs/{id}/restart", new Cell("/api/snapshot-runs/" + run + "/restart", null,
                ACT_ON_RUN));
        rows.put("POST /api/snapshot-runs/{id}/stop", new Cell("/api/snapshot-runs/" + run + "/stop", null,
                ACT_ON_RUN));
        rows.put("POST /api/snapshot-runs/{id}/recover", new Cell("/api/snapshot-runs/" + run + "/recover", null,
                ACT_ON_RUN));
        // a bad snapshot type: allowed principals get 400 and no run starts
        rows.put("POST /api/account-snapshots/create", new Cell("/api/account-snapshots/create",
                "{\"customer_id\": 100, \"snapshot_type\": \"bogus\"}", new int[] {401, 403, 400, 400, 403, 403, 400}));
        rows.put("GET /api/accounts/{accountId}/snapshots", new Cell("/api/accounts/1/snapshots", null, READ));
        rows.put("GET /api/accounts/{accountId}/snapshots/latest", new Cell("/api/accounts/1/snapshots/latest", null,
                READ));
        rows.put("GET /api/account-snapshots", new Cell("/api/account-snapshots?account_id=1", null, READ));
        rows.put("GET /api/account-snapshots/latest", new Cell("/api/account-snapshots/latest?account_id=1", null,
                READ));
        rows.put("GET /api/account-snapshots/compare", new Cell("/api/account-snapshots/compare?account_id=1"
                + "&snapshot_id_1=" + snapshot + "&snapshot_id_2=" + snapshot, null, READ));
        rows.put("GET /api/account-snapshots/history", new Cell("/api/account-snapshots/history?account_id=1", null,
                READ));
        rows.put("GET /api/account-snapshots/{snapshotId}/context",
                new Cell("/api/account-snapshots/" + snapshot + "/context", null, READ));
        rows.put("GET /api/audit", new Cell("/api/audit", null, ADMIN_ONLY));
        rows.put("GET /api/events", new Cell("/api/events", null, READ));
        // an unknown event type of customer 100: allowed principals get 400 and nothing is stored
        rows.put("POST /api/events", new Cell("/api/events", "{\"event_id\": \"matrix-1\", \"event_type\": \"BOGUS\", "
                + "\"customer_id\": 100, \"account_id\": 1, \"occurred_at\": \"2026-11-28T00:00:00Z\"}",
                new int[] {401, 403, 400, 400, 403, 403, 400}));
        // no RabbitMQ consumer in this context: 409 for a principal of every customer; a scoped one may not replay
        rows.put("POST /api/events/dlq/replay", new Cell("/api/events/dlq/replay", null,
                new int[] {401, 403, 409, 409, 403, 403, 403}));
        rows.put("POST /api/maintenance/quarantine-future-snapshots",
                new Cell("/api/maintenance/quarantine-future-snapshots", null, ADMIN_ONLY));
        rows.put("POST /api/maintenance/restore-quarantined-snapshots",
                new Cell("/api/maintenance/restore-quarantined-snapshots", null, ADMIN_ONLY));
        rows.put("POST /api/maintenance/retention", new Cell("/api/maintenance/retention", null, ADMIN_ONLY));
        rows.put("GET /v3/api-docs", new Cell("/v3/api-docs", null, READ));
        rows.put("GET /v3/api-docs.yaml", new Cell("/v3/api-docs.yaml", null, READ));
        rows.put("GET /actuator", new Cell("/actuator", null, MONITOR_ONLY));
        rows.put("GET /actuator/health", new Cell("/actuator/health", null, EVERYONE));
        // a health component is a detail: to an anonymous caller it does not exist
        rows.put("GET /actuator/health/**", new Cell("/actuator/health/db", null,
                new int[] {404, 200, 200, 200, 200, 200, 200}));
        rows.put("GET /actuator/info", new Cell("/actuator/info", null, AUTHENTICATED));
        rows.put("GET /actuator/metrics", new Cell("/actuator/metrics", null, MONITOR_ONLY));
        rows.put("GET /actuator/prometheus", new Cell("/actuator/prometheus", null, MONITOR_ONLY));
        rows.put("GET /actuator/metrics/{requiredMetricName}", new Cell("/actuator/metrics/jvm.memory.used", null,
                MONITOR_ONLY));
        return rows;
    }

    record Cell(String uri, @Nullable String body, int[] statuses) {
    }

    /** Console pages: anonymous to the login page, MONITOR refused, every reader in. */
    static final String[] PAGE = {"302 /login", "200", "200", "200", "403", "200", "200"};

    /** A console action that OPERATORs may ask for, refused on its merits and shown on the page {@code path}. */
    private static String[] refusedOn(String path) {
        String refused = "302 " + path;
        return new String[] {"302 /login", "403", refused, refused, "403", "403", refused};
    }

    /** A console action on a COMPLETED run of customer 100: refused on its merits, shown on the run's page. */
    private String[] actOnRunPage() {
        String refused = "302 /runs/" + run;
        return new String[] {"302 /login", "403", refused, refused, "403", "403", refused};
    }

    /**
     * The console's pages and actions, called as a browser does (a session from the login form, the CSRF token
     * of the last page read; anonymous holds a session and a token too, so that only authorisation decides):
     * the status of each cell, with the path a redirect leads to.
     */
    private Map<String, ConsoleCell> expectedConsole() {
        Map<String, ConsoleCell> rows = new LinkedHashMap<>();
        rows.put("GET /", new ConsoleCell("/", null,
                new String[] {"302 /login", "302 /runs", "302 /runs", "302 /runs", "403", "302 /runs", "302 /runs"}));
        rows.put("GET /login", new ConsoleCell("/login", null,
                new String[] {"200", "200", "200", "200", "200", "200", "200"}));
        rows.put("GET /runs", new ConsoleCell("/runs", null, PAGE));
        rows.put("GET /runs/new", new ConsoleCell("/runs/new", null, PAGE));
        rows.put("GET /runs/{id}", new ConsoleCell("/runs/" + run, null, PAGE));
        rows.put("GET /runs/{id}/progress", new ConsoleCell("/runs/" + run + "/progress", null, PAGE));
        // a bad snapshot type: allowed principals get the form back (400) and no run starts
        rows.put("POST /runs", new ConsoleCell("/runs", Map.of("scope", "account", "accountId", "1",
                "snapshotType", "bogus"), new String[] {"302 /login", "403", "400", "400", "403", "403", "400"}));
        rows.put("POST /runs/{id}/stop", new ConsoleCell("/runs/" + run + "/stop", Map.of(), actOnRunPage()));
        rows.put("POST /runs/{id}/restart", new ConsoleCell("/runs/" + run + "/restart", Map.of(), actOnRunPage()));
        rows.put("POST /runs/{id}/recover", new ConsoleCell("/runs/" + run + "/recover", Map.of(), actOnRunPage()));
        rows.put("GET /schedule", new ConsoleCell("/schedule", null, PAGE));
        // a trigger that does not exist: refused on its merits (audited), nothing pauses
        rows.put("POST /schedule/{group}/{name}/pause", new ConsoleCell("/schedule/account-snapshot/no-such/pause",
                Map.of(), refusedOn("/schedule")));
        rows.put("POST /schedule/{group}/{name}/resume", new ConsoleCell("/schedule/account-snapshot/no-such/resume",
                Map.of(), refusedOn("/schedule")));
        rows.put("GET /events", new ConsoleCell("/events", null, PAGE));
        // no RabbitMQ consumer in this context: refused on its merits, shown on the events page
        rows.put("POST /events/dlq/replay", new ConsoleCell("/events/dlq/replay", Map.of(), refusedOn("/events")));
        rows.put("GET /accounts", new ConsoleCell("/accounts?q=Account", null, PAGE));
        rows.put("GET /accounts/{id}", new ConsoleCell("/accounts/1", null, PAGE));
        long snapshot = jdbc.queryForObject("SELECT min(snapshot_id) FROM account_snapshots WHERE account_id = 1",
                Long.class);
        rows.put("GET /accounts/{id}/compare", new ConsoleCell("/accounts/1/compare?left=" + snapshot + "&right="
                + snapshot, null, PAGE));
        return rows;
    }

    record ConsoleCell(String uri, @Nullable Map<String, String> form, String[] statuses) {
    }

    @Test
    void everyEndpointAnswersEachPrincipalWithItsExactStatus() {
        Map<String, Cell> expected = expected();
        Map<String, ConsoleCell> expectedConsole = expectedConsole();
        Set<String> rows = new TreeSet<>(expected.keySet());
        rows.addAll(expectedConsole.keySet());

        Set<String> mapped = mappedEndpoints();

        assertThat(mapped).as("endpoints without a row in this matrix").isSubsetOf(rows);
        assertThat(rows).as("rows of endpoints that are not mapped").isSubsetOf(mapped);
        List<String> actual = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        expected.forEach((endpoint, cell) -> {
            HttpMethod method = HttpMethod.valueOf(endpoint.substring(0, endpoint.indexOf(' ')));
            for (int i = 0; i < PRINCIPALS.size(); i++) {
                String principal = PRINCIPALS.get(i) == null ? "anonymous" : PRINCIPALS.get(i);
                int status = call(method, cell.uri(), PRINCIPALS.get(i), cell.body()).status();
                actual.add(endpoint + " as " + principal + ": " + status);
                wanted.add(endpoint + " as " + principal + ": " + cell.statuses()[i]);
            }
        });
        Map<String, ConsoleSession> sessions = new LinkedHashMap<>();
        expectedConsole.forEach((endpoint, cell) -> {
            boolean post = endpoint.startsWith("POST ");
            for (int i = 0; i < PRINCIPALS.size(); i++) {
                String user = PRINCIPALS.get(i);
                String principal = user == null ? "anonymous" : user;
                ConsoleSession session = sessions.computeIfAbsent(principal, name -> user == null
                        ? ConsoleSession.anonymous(port)
                        : ConsoleSession.signedIn(port, user, "viewer".equals(user) ? "viewer-secret" : PASSWORD));
                ConsoleSession.Page page = post ? session.post(cell.uri(), cell.form()) : session.get(cell.uri());
                actual.add(endpoint + " as " + principal + ": " + shown(page));
                wanted.add(endpoint + " as " + principal + ": " + cell.statuses()[i]);
            }
        });
        assertThat(actual).containsExactlyElementsOf(wanted);
    }

    /** A console answer's status, and where it redirects to (the path only). */
    private static String shown(ConsoleSession.Page page) {
        return page.location() == null ? String.valueOf(page.status())
                : page.status() + " " + java.net.URI.create(page.location()).getPath();
    }

    /** {@code METHOD pattern} of every handler of every request mapping (the error page aside). */
    private Set<String> mappedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (pattern.equals("/error")) {
                        continue;
                    }
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        endpoints.add(method.name() + " " + pattern);
                    }
                }
            }
        }
        return endpoints;
    }
}
