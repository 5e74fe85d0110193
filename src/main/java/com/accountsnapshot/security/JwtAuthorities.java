package com.accountsnapshot.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A verified JWT's roles and customers, from the claims {@code account-snapshot.security.jwt.roles-claim} and
 * {@code .customers-claim} (a list, or a comma- or space-separated string). Role names the product does not
 * know are ignored; a token without the roles claim is authenticated but has no role, so every endpoint that
 * needs one answers 403. Without the customers claim the token sees every customer, like a configured user
 * without {@code customers}; a customer that is not a whole number refuses the token (401).
 */
final class JwtAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

    private final AccessProperties.Jwt claims;

    JwtAuthorities(AccessProperties.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String name : values(jwt, claims.rolesClaim())) {
            for (Role role : Role.values()) {
                if (role.name().equals(name.toUpperCase(Locale.ROOT))) {
                    authorities.add(new SimpleGrantedAuthority(role.authority()));
                }
            }
        }
        authorities.addAll(CustomerScope.authorities(jwt.hasClaim(claims.customersClaim())
                ? customers(values(jwt, claims.customersClaim())) : null));
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private List<Long> customers(List<String> values) {
        List<Long> ids = new ArrayList<>();
        for (String value : values) {
            try {
                ids.add(Long.parseLong(value));
            }
            catch (NumberFormatException ex) {
                throw new InvalidBearerTokenException("The " + claims.customersClaim()
                        + " claim must list customer ids");
            }
        }
        return ids;
    }

    private static List<String> values(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(item -> values.add(String.valueOf(item).trim()));
        }
        else if (value != null) {
            for (String part : value.toString().split("[,\\s]+")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }
}
