package io.peerbill.api.security;

import io.peerbill.api.error.ApiError;
import io.peerbill.api.key.ApiKeys;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Who may call what: {@code /v1/operator/**} needs an operator key, every other {@code /v1} route
 * an account key (acting as its account), the region list either; the OpenAPI document is public.
 * No key: 401; the wrong kind of key: 403. Stateless: no session, no cookies, no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

  public static final String OPERATOR_ROUTES = "/v1/operator/**";

  @Bean
  public SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys, JsonErrorWriter errors)
      throws Exception {
    http.csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(r -> r.disable())
        .addFilterBefore(new ApiKeyFilter(keys, errors), AuthorizationFilter.class)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/error")
                    .permitAll()
                    .requestMatchers(OPERATOR_ROUTES)
                    .hasRole("OPERATOR")
                    .requestMatchers(HttpMethod.GET, "/v1/regions")
                    .hasAnyRole("ACCOUNT", "OPERATOR")
                    .requestMatchers("/v1/**")
                    .hasRole("ACCOUNT")
                    .anyRequest()
                    .denyAll())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) ->
                            errors.write(
                                response,
                                HttpServletResponse.SC_UNAUTHORIZED,
                                new ApiError(
                                    "API_KEY_REQUIRED",
                                    "auth",
                                    "send an API key: Authorization: Bearer <key>")))
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            errors.write(
                                response,
                                HttpServletResponse.SC_FORBIDDEN,
                                new ApiError(
                                    "FORBIDDEN_FOR_KEY",
                                    "auth",
                                    request.getRequestURI().startsWith("/v1/operator/")
                                        ? "an operator key is needed for this route"
                                        : "this route acts as an account: use an account key"))));
    return http.build();
  }
}
