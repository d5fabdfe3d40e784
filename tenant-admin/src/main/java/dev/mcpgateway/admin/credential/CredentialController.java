package dev.mcpgateway.admin.credential;

import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.Actors;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.system.VaultUnavailableException;
import dev.mcpgateway.admin.tenant.TenantService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A tenant's credentials: key names, version and time shown; values only ever written. */
@Controller
class CredentialController {

    private final CredentialService credentials;
    private final TenantService tenants;
    private final Actors actors;

    CredentialController(CredentialService credentials, TenantService tenants, Actors actors) {
        this.credentials = credentials;
        this.tenants = tenants;
        this.actors = actors;
    }

    @GetMapping("/tenants/{id}/credentials")
    String show(@PathVariable String id, Model model) {
        model.addAttribute("credentialForm", new CredentialForm());
        return page(actors.current(), id, model);
    }

    @PostMapping("/tenants/{id}/credentials")
    String set(@PathVariable String id, @ModelAttribute("credentialForm") CredentialForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        Actor actor = actors.current();
        try {
            credentials.set(actor, id, form.getKey(), form.getValue());
        } catch (InvalidInputException e) {
            form.setValue("");
            result.rejectValue(e.field(), "invalid", e.getMessage());
            return page(actor, id, model);
        }
        redirect.addFlashAttribute("flash", "Credential '" + form.getKey().trim() + "' saved to Vault.");
        return "redirect:/tenants/" + id + "/credentials";
    }

    @PostMapping("/tenants/{id}/credentials/delete")
    String delete(@PathVariable String id, @RequestParam String key, RedirectAttributes redirect) {
        credentials.remove(actors.current(), id, key);
        redirect.addFlashAttribute("flash", "Credential '" + key + "' deleted.");
        return "redirect:/tenants/" + id + "/credentials";
    }

    private String page(Actor actor, String id, Model model) {
        actor.requirePlatformAdmin();
        model.addAttribute("tenant", tenants.get(actor, id));
        model.addAttribute("tab", "credentials");
        model.addAttribute("vaultConfigured", credentials.vaultConfigured());
        model.addAttribute("vaultPath", credentials.vaultPath(id));
        if (credentials.vaultConfigured()) {
            try {
                model.addAttribute("summary", credentials.describe(actor, id));
            } catch (VaultUnavailableException e) {
                model.addAttribute("vaultError", e.getMessage());
            }
        }
        return "credentials/list";
    }
}
