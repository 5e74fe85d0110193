package com.accountsnapshot.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The HTTP Basic users of {@code account-snapshot.security.users}. With none configured and no JWT issuer,
 * one {@code admin} with every role and a random password, which is logged once, at start-up, and never again.
 * Each look-up returns a fresh user, so that erasing an authentication's credentials cannot erase the stored
 * password.
 */
final class ConfiguredUsers implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredUsers.class);

    static final String GENERATED_USER = "admin";

    private static final String BCRYPT = "{bcrypt}";

    private static final String NOOP = "{noop}";

    private final Map<String, AccessProperties.User> users;

    private ConfiguredUsers(Map<String, AccessProperties.User> users) {
        this.users = Map.copyOf(users);
    }

    /**
     * @throws IllegalStateException when a user has no password, a password without an encoding id, or no role
     */
    static ConfiguredUsers from(AccessProperties properties, boolean jwtConfigured) {
        Map<String, AccessProperties.User> users = new LinkedHashMap<>();
        properties.users().forEach((name, user) -> users.put(name, checked(name, user)));
        if (users.isEmpty() && !jwtConfigured) {
            String password = randomPassword();
            users.put(GENERATED_USER, new AccessProperties.User(NOOP + password, List.of(Role.values()), null));
            log.warn("""

                    Using generated password for user '{}' (roles ADMIN, OPERATOR, VIEWER, MONITOR): {}

                    It is shown this once. Configure users instead with account-snapshot.security.users.<name>.password \
                    ({bcrypt}...), .roles and .customers, or a JWT issuer with \
                    spring.security.oauth2.resourceserver.jwt.issuer-uri (or .jwk-set-uri).
                    """, GENERATED_USER, password);
        }
        return new ConfiguredUsers(users);
    }

    private static AccessProperties.User checked(String name, AccessProperties.User user) {
        String property = "account-snapshot.security.users." + name;
        String password = user.password();
        if (password == null || password.isBlank()) {
            throw new IllegalStateException(property + ".password is not set");
        }
        if (password.startsWith(NOOP)) {
            log.warn("{}.password is stored in plain text ({noop}); store a {bcrypt} hash instead", property);
        }
        else if (!password.startsWith(BCRYPT) && !password.matches("\\{[a-zA-Z0-9_-]+}.+")) {
            throw new IllegalStateException(property + ".password must name its encoding, e.g. {bcrypt}$2a$10$...");
        }
        if (user.roles().isEmpty()) {
            throw new IllegalStateException(property + ".roles is not set (a comma list of "
                    + List.of(Role.values()) + ")");
        }
        return user;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        AccessProperties.User user = users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("No such user");
        }
        return new PortfolioUser(username, user.password(), user.roles(), user.customers());
    }
}
