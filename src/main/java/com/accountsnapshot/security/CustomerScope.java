package com.accountsnapshot.security;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The customers a principal may see and act on: every customer, or a set of customer ids. It travels with the
 * authentication as granted authorities ({@code CUSTOMERS_ALL}, or one {@code CUSTOMER_<id>} each), so that
 * HTTP Basic users and JWTs carry it alike. A principal without either sees no customer at all.
 */
public record CustomerScope(boolean unrestricted, Set<Long> customers) {

    static final String ALL_CUSTOMERS = "CUSTOMERS_ALL";

    static final String CUSTOMER_PREFIX = "CUSTOMER_";

    public CustomerScope {
        customers = Set.copyOf(customers);
    }

    public static CustomerScope everyCustomer() {
        return new CustomerScope(true, Set.of());
    }

    /** The scope of the current request's principal (none when there is no authentication). */
    public static CustomerScope current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static CustomerScope of(@Nullable Authentication authentication) {
        if (authentication == null) {
            return new CustomerScope(false, Set.of());
        }
        Set<Long> ids = new TreeSet<>();
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            String authority = granted.getAuthority();
            if (ALL_CUSTOMERS.equals(authority)) {
                return everyCustomer();
            }
            if (authority != null && authority.startsWith(CUSTOMER_PREFIX)) {
                ids.add(Long.parseLong(authority.substring(CUSTOMER_PREFIX.length())));
            }
        }
        return new CustomerScope(false, ids);
    }

    /** The authorities that carry this scope: {@code customers} null means every customer. */
    static Collection<GrantedAuthority> authorities(@Nullable Collection<Long> customers) {
        if (customers == null) {
            return Set.of(new SimpleGrantedAuthority(ALL_CUSTOMERS));
        }
        return customers.stream().<GrantedAuthority>map(id -> new SimpleGrantedAuthority(CUSTOMER_PREFIX + id))
                .toList();
    }

    public boolean includes(@Nullable Long customerId) {
        return unrestricted || customerId != null && customers.contains(customerId);
    }

    /** The customer ids as a SQL array parameter ({@code customer_id = ANY(:customers)}); empty when unrestricted. */
    public Long[] sqlArray() {
        return customers.toArray(Long[]::new);
    }
}
