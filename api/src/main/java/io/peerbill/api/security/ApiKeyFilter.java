package io.peerbill.api.security;

import io.peerbill.api.error.ApiError;
import io.peerbill.api.key.ApiKey;
import io.peerbill.api.key.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>}. A request without the header goes on anonymous
 * (and is refused by the route's rule with 401); a header that names no live key is refused here,
 * with 401, whatever the route.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final ApiKeys keys;
  private final JsonErrorWriter errors;

  ApiKeyFilter(ApiKeys keys, JsonErrorWriter errors) {
    this.keys = keys;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiKey> key =
        header.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? keys.authenticate(header.substring(BEARER.length()).strip())
            : Optional.empty();
    if (key.isEmpty()) {
      errors.write(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          new ApiError("INVALID_API_KEY", "auth", "the API key is unknown, revoked or malformed"));
      return;
    }
    ApiKey k = key.get();
    ApiPrincipal principal = new ApiPrincipal(k.id(), k.role(), k.accountId());
    var authentication =
        UsernamePasswordAuthenticationToken.authenticated(
            principal, null, List.of(new SimpleGrantedAuthority("ROLE_" + k.role().name())));
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
