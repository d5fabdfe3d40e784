package dev.mcpgateway.admin.access;

import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.Actors;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.tenant.TenantRepository;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The "explain access" screen. */
@Controller
class AccessController {

    private final ExplainAccessService explain;
    private final TenantRepository tenants;
    private final Actors actors;

    AccessController(ExplainAccessService explain, TenantRepository tenants, Actors actors) {
        this.explain = explain;
        this.tenants = tenants;
        this.actors = actors;
    }

    @GetMapping("/access")
    String explain(@RequestParam(defaultValue = "") String tenant, @RequestParam(defaultValue = "") String email,
            Model model) {
        Actor actor = actors.current();
        List<String> choices = actor.platformAdmin() ? tenants.ids() : List.copyOf(actor.managedTenants());
        model.addAttribute("tenants", choices);
        model.addAttribute("tenant", tenant);
        model.addAttribute("email", email.trim());
        if (!tenant.isBlank() && !email.isBlank()) {
            try {
                model.addAttribute("explanation", explain.explain(actor, tenant, email));
            } catch (InvalidInputException e) {
                model.addAttribute("error", e.getMessage());
            }
        }
        return "access/explain";
    }
}
