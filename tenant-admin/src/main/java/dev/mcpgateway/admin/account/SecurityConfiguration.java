package dev.mcpgateway.admin.account;

import dev.mcpgateway.admin.signin.SignInThrottle;
import dev.mcpgateway.admin.signin.SignInThrottleFilter;
import dev.mcpgateway.admin.system.AdminProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * How people and API clients sign in: three filter chains, the API document (see {@link #apiDocsSecurity}) and
 * these two. {@code /api/**}: stateless, API tokens or HTTP Basic for local accounts, no CSRF (no cookies are
 * accepted there), problem+json errors. Both throttle failed sign-ins ({@link SignInThrottleFilter}). Everything
 * else: a session from form login or OIDC, CSRF on every form, a strict Content-Security-Policy (no inline script
 * or style).
 */
@Configuration
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Knows every web session per person, so deleting or disabling an account can end its sessions at once. */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the registry when sessions end or change id (servlet container events). */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(JsonMapper json) {
        return new ProblemAuthenticationEntryPoint(json);
    }

    /**
     * The API document: for anyone signed in (API token, HTTP Basic, or the web session, so the link on the tokens
     * page works), or for everybody with {@code mcpgateway.admin.api-docs.public=true}.
     */
    @Bean
    @Order(0)
    SecurityFilterChain apiDocsSecurity(HttpSecurity http, ApiTokenService tokens, ProblemAuthenticationEntryPoint problems,
            SignInThrottle throttle, JsonMapper json, AdminProperties properties) throws Exception {
        boolean open = properties.admin().apiDocs().publicAccess();
        http.securityMatcher("/api/v1/openapi.json", "/api/v1/openapi.json/**")
                .authorizeHttpRequests(requests -> {
                    if (open) {
                        requests.anyRequest().permitAll();
                    } else {
                        requests.anyRequest().authenticated();
                    }
                })
                .addFilterBefore(new SignInThrottleFilter(throttle, json), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems, throttle), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenService tokens, ProblemAuthenticationEntryPoint problems,
            SignInThrottle throttle, JsonMapper json) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .addFilterBefore(new SignInThrottleFilter(throttle, json), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems, throttle), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidc,
            SessionRegistry sessions, SignInThrottle throttle, JsonMapper json) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/favicon.ico", "/error").permitAll()
                        // Served on the management port only (management.server.port), for probes and monitoring.
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new SignInThrottleFilter(throttle, json), UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/tenants", false))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // No limit on sessions per person; the registry is there to end them (account deleted, disabled,
                // password changed): an expired session's next request is signed out and sent to the login page.
                .sessionManagement(session -> session.maximumSessions(-1).sessionRegistry(sessions)
                        .expiredUrl("/login?expired"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login").defaultSuccessUrl("/tenants", false));
        }
        return http.build();
    }
}
