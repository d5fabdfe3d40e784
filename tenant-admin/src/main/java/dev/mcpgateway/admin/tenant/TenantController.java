package dev.mcpgateway.admin.tenant;

import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.Actors;
import dev.mcpgateway.admin.system.AdminProperties;
import dev.mcpgateway.admin.system.ConflictException;
import dev.mcpgateway.admin.system.Page;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Tenant screens: list with search, create, overview, edit, enable/disable and delete with confirmation. */
@Controller
class TenantController {

    private static final String FORM = "tenants/form";

    private final TenantService tenants;
    private final Actors actors;
    private final AdminProperties properties;

    TenantController(TenantService tenants, Actors actors, AdminProperties properties) {
        this.tenants = tenants;
        this.actors = actors;
        this.properties = properties;
    }

    @GetMapping("/tenants")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Integer page, Model model) {
        Actor actor = actors.current();
        model.addAttribute("q", q);
        model.addAttribute("page", tenants.search(actor, q, Page.clamp(page), properties.admin().pageSize()));
        return "tenants/list";
    }

    @GetMapping("/tenants/new")
    String initCreationForm(Model model) {
        actors.current().requirePlatformAdmin();
        model.addAttribute("tenant", new TenantForm());
        model.addAttribute("creating", true);
        return FORM;
    }

    @PostMapping("/tenants/new")
    String processCreationForm(@Valid @ModelAttribute("tenant") TenantForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        Actor actor = actors.current();
        actor.requirePlatformAdmin();
        model.addAttribute("creating", true);
        if (result.hasErrors()) {
            return FORM;
        }
        try {
            tenants.create(actor, form);
        } catch (ConflictException e) {
            result.rejectValue(e.field(), "conflict", e.getMessage());
            return FORM;
        }
        redirect.addFlashAttribute("flash", "Tenant '" + form.getId() + "' created.");
        return "redirect:/tenants/" + form.getId();
    }

    @GetMapping("/tenants/{id}")
    String show(@PathVariable String id, Model model) {
        model.addAttribute("tenant", tenants.get(actors.current(), id));
        model.addAttribute("tab", "overview");
        return "tenants/detail";
    }

    @GetMapping("/tenants/{id}/edit")
    String initUpdateForm(@PathVariable String id, Model model) {
        Actor actor = actors.current();
        actor.requirePlatformAdmin();
        model.addAttribute("tenant", TenantForm.of(tenants.get(actor, id)));
        model.addAttribute("creating", false);
        return FORM;
    }

    @PostMapping("/tenants/{id}/edit")
    String processUpdateForm(@PathVariable String id, @Valid @ModelAttribute("tenant") TenantForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        Actor actor = actors.current();
        actor.requirePlatformAdmin();
        form.setId(id);
        model.addAttribute("creating", false);
        if (result.hasErrors()) {
            return FORM;
        }
        tenants.update(actor, id, form);
        redirect.addFlashAttribute("flash", "Tenant '" + id + "' saved.");
        return "redirect:/tenants/" + id;
    }

    @PostMapping("/tenants/{id}/enabled")
    String setEnabled(@PathVariable String id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        tenants.setEnabled(actors.current(), id, enabled);
        redirect.addFlashAttribute("flash", "Tenant '" + id + "' " + (enabled ? "enabled." : "disabled."));
        return "redirect:/tenants/" + id;
    }

    @GetMapping("/tenants/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        Actor actor = actors.current();
        actor.requirePlatformAdmin();
        model.addAttribute("tenant", tenants.get(actor, id));
        return "tenants/delete";
    }

    @PostMapping("/tenants/{id}/delete")
    String delete(@PathVariable String id, @RequestParam(defaultValue = "false") boolean confirmMembers, Model model,
            RedirectAttributes redirect) {
        Actor actor = actors.current();
        try {
            tenants.delete(actor, id, confirmMembers);
        } catch (ConflictException e) {
            model.addAttribute("tenant", tenants.get(actor, id));
            model.addAttribute("error", e.getMessage());
            return "tenants/delete";
        }
        redirect.addFlashAttribute("flash", "Tenant '" + id + "' deleted.");
        return "redirect:/tenants";
    }
}
