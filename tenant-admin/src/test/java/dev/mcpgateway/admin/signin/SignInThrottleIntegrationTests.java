package dev.mcpgateway.admin.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The defaults: 5 failures per account, 20 per address, then a lock of 5 s doubling up to 15 min. */
class SignInThrottleIntegrationTests extends AdminTestSupport {

    @Test
    void httpBasicAnswers429WithRetryAfterOnceTheAccountIsLockedEvenForTheRightPassword() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, "wrong-password-" + i)))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Too many failed sign-ins"));
        assertThat(lastAudit()).containsEntry("action", "sign-in.lock")
                .containsEntry("user_email", "system:sign-in-throttle")
                .containsEntry("detail", "account admin locked for 5 s after 5 failed sign-ins");
    }

    @Test
    void loginFormShowsALockMessageOnceTheAccountIsLocked() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user(ADMIN).password("wrong-password-" + i));
        }
        String locked = mvc.perform(formLogin("/login").user(ADMIN).password(ADMIN_PASSWORD))
                .andExpect(redirectedUrlPattern("/login?locked=*"))
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(locked))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Too many failed sign-ins for this account or from this address")));
    }

    @Test
    void lockEndsByItselfSoStrangersCannotLockTheAdminOutForGood() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, "wrong-password-" + i)).with(from("203.0.113.5")));
        }
        mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isTooManyRequests());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, ADMIN_PASSWORD))).andExpect(status().isOk()));
    }

    @Test
    void successfulSignInStartsTheAccountsCountAfresh() throws Exception {
        for (int i = 0; i < 4; i++) {
            mvc.perform(formLogin("/login").user(ADMIN).password("wrong-password-" + i));
        }
        mvc.perform(formLogin("/login").user(ADMIN).password(ADMIN_PASSWORD)).andExpect(authenticated());
        for (int i = 0; i < 4; i++) {
            mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, "wrong-password-" + i)));
        }
        mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, ADMIN_PASSWORD))).andExpect(status().isOk());
        // Counting restarted at that success too: five failures after it lock the account.
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, "wrong-password-" + i)))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, ADMIN_PASSWORD))).andExpect(status().isTooManyRequests());
    }

    @Test
    void guessingApiTokensLocksTheClientAddress() throws Exception {
        for (int i = 0; i < 20; i++) {
            mvc.perform(get("/api/v1/tenants").header("Authorization", "Bearer mta_guess" + i).with(from("203.0.113.9")))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/tenants").header("Authorization", "Bearer mta_guess").with(from("203.0.113.9")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, ADMIN_PASSWORD)).with(from("203.0.113.9")))
                .andExpect(status().isTooManyRequests());
        mvc.perform(get("/api/v1/tenants").with(httpBasic(ADMIN, ADMIN_PASSWORD)).with(from("192.0.2.1")))
                .andExpect(status().isOk());
        assertThat(lastAudit()).containsEntry("detail", "client address 203.0.113.9 locked for 5 s after 20 failed sign-ins");
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
