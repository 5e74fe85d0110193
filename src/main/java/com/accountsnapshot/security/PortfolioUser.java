package com.accountsnapshot.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A configured HTTP Basic user: its encoded password, its roles and its customers as authorities. */
final class PortfolioUser implements UserDetails {

    private final String username;

    private final String password;

    private final List<Role> roles;

    private final @Nullable List<Long> customers;

    PortfolioUser(String username, String password, List<Role> roles, @Nullable List<Long> customers) {
        this.username = username;
        this.password = password;
        this.roles = List.copyOf(roles);
        this.customers = customers == null ? null : List.copyOf(customers);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        authorities.addAll(CustomerScope.authorities(customers));
        return authorities;
    }

    @Override
    public String getPassword() {
        return password;
    }

    @Override
    public String getUsername() {
        return username;
    }

    /** Never the password, not even encoded. */
    @Override
    public String toString() {
        return "PortfolioUser[" + username + ", roles " + roles + ", customers "
                + (customers == null ? "all" : customers) + "]";
    }
}
