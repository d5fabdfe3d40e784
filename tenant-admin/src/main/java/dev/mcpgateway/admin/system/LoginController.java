package dev.mcpgateway.admin.system;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

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
    String login(Model model) {
        model.addAttribute("providers", providers());
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
