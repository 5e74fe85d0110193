package com.accountsnapshot.security;

import jakarta.servlet.DispatcherType;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what on {@code serve}'s port. Every endpoint needs an authenticated principal except
 * {@code GET /actuator/health} (status only; details to authenticated principals). The API is stateless: HTTP
 * Basic against {@link ConfiguredUsers} on every request, or a JWT bearer token when an issuer is configured;
 * no session, no CSRF token. Roles nest: ADMIN includes OPERATOR includes VIEWER; MONITOR (actuator metrics)
 * stands apart. Which customers a principal sees is {@link CustomerScope}, enforced by the API's queries.
 *
 * <p>Requests outside the API, the OpenAPI description and the actuator go through a second chain, ordered
 * after this one: the operator console, with a login page, a session and CSRF tokens.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(AccessProperties.class)
class SecurityConfiguration {

    static final String[] API_PATHS = {"/api/**", "/v3/**", "/actuator", "/actuator/**"};

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.OPERATOR.name())
                .role(Role.OPERATOR.name()).implies(Role.VIEWER.name())
                .build();
    }

    @Bean
    UserDetailsService configuredUsers(AccessProperties properties, ObjectProvider<JwtDecoder> jwtDecoder) {
        return ConfiguredUsers.from(properties, jwtDecoder.getIfAvailable() != null);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        @Nullable JwtDecoder decoder = jwtDecoder.getIfAvailable();
        ApiAuthenticationEntryPoint answers = new ApiAuthenticationEntryPoint(decoder != null);
        http.securityMatcher(API_PATHS)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/info").authenticated()
                        .requestMatchers("/actuator", "/actuator/**").hasRole(Role.MONITOR.name())
                        .requestMatchers(HttpMethod.GET, "/v3/**").hasRole(Role.VIEWER.name())
                        .requestMatchers("/api/audit", "/api/audit/**", "/api/maintenance/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/account-snapshots/create",
                                "/api/snapshot-runs/*/restart", "/api/snapshot-runs/*/stop",
                                "/api/snapshot-runs/*/recover", "/api/events", "/api/events/dlq/replay")
                        .hasRole(Role.OPERATOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.VIEWER.name())
                        // a new state-changing endpoint stays closed until it is given a rule here
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName(ApiAuthenticationEntryPoint.REALM).authenticationEntryPoint(answers))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(answers)
                        .accessDeniedHandler(answers));
        if (decoder != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(answers)
                    .accessDeniedHandler(answers)
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtAuthorities(properties.jwt()))));
        }
        return http.build();
    }

    /**
     * The operator console and everything else on the port: a login page, a session and CSRF tokens on every
     * form. Anonymous visitors are sent to the login page; pages are for VIEWER and above, their actions for
     * OPERATOR; MONITOR sees no page. A path without a rule here is closed.
     */
    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, CONSOLE_ASSETS).permitAll()
                        .requestMatchers(HttpMethod.POST, CONSOLE_ACTIONS).hasRole(Role.OPERATOR.name())
                        .requestMatchers(HttpMethod.GET, CONSOLE_PAGES).hasRole(Role.VIEWER.name())
                        .anyRequest().denyAll())
                .formLogin(login -> login.loginPage(LOGIN_PAGE).defaultSuccessUrl("/runs", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl(LOGIN_PAGE + "?logout").permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .build();
    }

    static final String LOGIN_PAGE = "/login";

    /** Stylesheets, scripts (WebJars) and the icon: no principal needed, so the login page can use them. */
    static final String[] CONSOLE_ASSETS = {"/webjars/**", "/console/**", "/favicon.ico"};

    /** The console's pages, read-only. */
    static final String[] CONSOLE_PAGES = {"/", "/runs", "/runs/**", "/schedule", "/schedule/**", "/events",
            "/events/**", "/accounts", "/accounts/**"};

    /** The console's state-changing actions (each also checks the principal's customers). */
    static final String[] CONSOLE_ACTIONS = {"/runs", "/runs/*/stop", "/runs/*/restart", "/runs/*/recover",
            "/schedule/**", "/events/**"};
}
