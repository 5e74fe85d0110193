package com.accountsnapshot.security;

/**
 * What a principal may do. ADMIN includes OPERATOR, which includes VIEWER (see {@link SecurityConfiguration}'s
 * role hierarchy); MONITOR stands apart: actuator metrics only.
 */
public enum Role {
    /** Reads runs, issues and snapshots. */
    VIEWER,
    /** Also starts, stops, restarts and recovers runs. */
    OPERATOR,
    /** Also maintenance (quarantine of snapshots) and the audit log. */
    ADMIN,
    /** Reads actuator metrics; nothing of the API. */
    MONITOR;

    /** The granted authority Spring Security checks for {@code hasRole(name())}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
