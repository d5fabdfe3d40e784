package dev.mcpgateway.admin.system;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page (local account form, plus one button per configured OIDC provider) and the home redirect. */
@Controller
class LoginController {

    /** One "Sign in with …" button. */
    record OidcProvider(String name, String url) {
    }

    private final ObjectProvider<ClientRegistrationRepository> registrations;

    LoginController(ObjectProvider<ClientRegistrationRepository> registrations) {
        this.registrations = registrations;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String locked, Model model) {
        model.addAttribute("providers", providers());
        // Only a number is shown from the link, so a crafted link cannot put words on the sign-in page.
        if (locked != null && locked.matches("\\d{1,6}")) {
            model.addAttribute("lockedMinutes", Math.max(1, (Long.parseLong(locked) + 59) / 60));
        }
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/tenants";
    }

    private List<OidcProvider> providers() {
        List<OidcProvider> providers = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object item : all) {
                if (item instanceof ClientRegistration registration) {
                    providers.add(new OidcProvider(registration.getClientName(),
                            "/oauth2/authorization/" + registration.getRegistrationId()));
                }
            }
        }
        return providers;
    }
}
