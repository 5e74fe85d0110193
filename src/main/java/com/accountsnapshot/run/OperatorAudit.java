package com.accountsnapshot.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Records every state-changing action in {@code operator_audit}: who (the authenticated principal of an HTTP
 * request or of the schedule, otherwise the operating-system user and host of the command line), what, on
 * which target, and whether it was accepted or refused and why. A row is written on the caller's transaction
 * when there is one, so an action whose transaction rolls back leaves no "accepted" row.
 */
@Component
public class OperatorAudit {

    private static final Logger log = LoggerFactory.getLogger(OperatorAudit.class);

    public static final String ACCEPTED = "accepted";

    private static final String INSERT = """
            INSERT INTO operator_audit (principal, action, target, outcome, remote_address)
            VALUES (:principal, :action, :target, :outcome, :remoteAddress)""";

    private static final String PAGE = """
            SELECT audit_id, occurred_at, principal, action, target, outcome, remote_address
            FROM operator_audit ORDER BY audit_id DESC LIMIT :limit OFFSET :offset""";

    private final JdbcClient jdbc;

    private final String commandLineUser = commandLineUser();

    OperatorAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row of the audit log. */
    public record Entry(long auditId, Instant occurredAt, String principal, String action, String target,
            String outcome, @Nullable String remoteAddress) {
    }

    /** A page of the audit log, newest first, with how many rows it has in all. */
    public record Page(long total, int page, int size, List<Entry> items) {
    }

    /** An action the caller refused itself before doing anything. */
    public void refused(String action, String target, String why) {
        write(action, target, "refused: " + why);
    }

    public void accepted(String action, String target) {
        write(action, target, ACCEPTED);
    }

    /**
     * Runs {@code work} and records it as accepted on the target {@code acceptedTarget} names (an execution id
     * the work created, say), or as refused with the exception's message on {@code target}, and rethrows.
     */
    <T> T audited(String action, String target, Function<T, String> acceptedTarget, Callable<T> work)
            throws Exception {
        T result;
        try {
            result = work.call();
        }
        catch (Exception ex) {
            refusedQuietly(action, target, ex);
            throw ex;
        }
        accepted(action, acceptedTarget.apply(result));
        return result;
    }

    private void refusedQuietly(String action, String target, Exception refusal) {
        try {
            refused(action, target, String.valueOf(refusal.getMessage()));
        }
        catch (RuntimeException ex) {
            // the database may be what refused; the caller hears of the refusal itself
            log.warn("Could not record the refused {} of {} in operator_audit: {}", action, target, ex.toString());
        }
    }

    public Page page(int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM operator_audit").query(Long.class).single();
        List<Entry> items = jdbc.sql(PAGE).param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> new Entry(rs.getLong("audit_id"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("principal"),
                        rs.getString("action"), rs.getString("target"), rs.getString("outcome"),
                        rs.getString("remote_address")))
                .list();
        return new Page(total, page, size, items);
    }

    private void write(String action, String target, String outcome) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean authenticated = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        String remoteAddress = authenticated && authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
        jdbc.sql(INSERT)
                .param("principal", authenticated ? authentication.getName() : commandLineUser)
                .param("action", action)
                .param("target", target)
                .param("outcome", outcome)
                .param("remoteAddress", remoteAddress)
                .update();
    }

    /** {@code user@host} of this process, for actions taken on the command line. */
    private static String commandLineUser() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown-user") + "@" + host;
    }
}
