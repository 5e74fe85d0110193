package com.accountsnapshot.security;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use {@code serve} ({@code account-snapshot.security.*}): HTTP Basic users, and the JWT claims that carry
 * roles and customers when a JWT issuer is configured ({@code spring.security.oauth2.resourceserver.jwt.*}).
 *
 * @param users by name: {@code password} in Spring Security's {@code {id}encoded} form ({@code {bcrypt}...}),
 *        {@code roles} (comma list of VIEWER, OPERATOR, ADMIN, MONITOR) and {@code customers} (comma list of
 *        customer ids; absent: every customer)
 */
@ConfigurationProperties("account-snapshot.security")
record AccessProperties(@DefaultValue Map<String, User> users, @DefaultValue Jwt jwt) {

    record User(@Nullable String password, @DefaultValue List<Role> roles, @Nullable List<Long> customers) {
    }

    /** The claims of a JWT that name its roles and its customers (absent customers claim: every customer). */
    record Jwt(@DefaultValue("roles") String rolesClaim, @DefaultValue("customers") String customersClaim) {
    }
}
