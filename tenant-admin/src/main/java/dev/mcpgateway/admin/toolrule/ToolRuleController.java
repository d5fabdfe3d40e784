package dev.mcpgateway.admin.toolrule;

import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.Actors;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.tenant.Tenant;
import dev.mcpgateway.admin.tenant.TenantService;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRequirement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Tool rules of a tenant, with the backend's current tools and the requirement each one gets beside them. */
@Controller
class ToolRuleController {

    private final ToolRuleService rules;
    private final TenantService tenants;
    private final BackendTools backendTools;
    private final Actors actors;

    ToolRuleController(ToolRuleService rules, TenantService tenants, BackendTools backendTools, Actors actors) {
        this.rules = rules;
        this.tenants = tenants;
        this.backendTools = backendTools;
        this.actors = actors;
    }

    @GetMapping("/tenants/{id}/rules")
    String list(@PathVariable String id, Model model) {
        model.addAttribute("ruleForm", new ToolRuleForm());
        return show(actors.current(), id, model);
    }

    @PostMapping("/tenants/{id}/rules")
    String put(@PathVariable String id, @ModelAttribute("ruleForm") ToolRuleForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        Actor actor = actors.current();
        try {
            rules.put(actor, id, form.getTool(), form.getLevel());
        } catch (InvalidInputException e) {
            result.rejectValue(e.field(), "invalid", e.getMessage());
            return show(actor, id, model);
        }
        redirect.addFlashAttribute("flash", "Rule for '" + form.getTool().trim() + "' set to " + form.getLevel() + ".");
        return "redirect:/tenants/" + id + "/rules";
    }

    @PostMapping("/tenants/{id}/rules/delete")
    String delete(@PathVariable String id, @RequestParam String tool, RedirectAttributes redirect) {
        rules.delete(actors.current(), id, tool);
        redirect.addFlashAttribute("flash", "Rule for '" + tool + "' removed.");
        return "redirect:/tenants/" + id + "/rules";
    }

    private String show(Actor actor, String id, Model model) {
        Tenant tenant = tenants.get(actor, id);
        TenantPolicy policy = rules.policy(actor, id);
        BackendTools.Catalog catalog = backendTools.of(tenant);
        Map<String, ToolRequirement> requirements = new LinkedHashMap<>();
        catalog.tools().forEach(tool -> requirements.put(tool, policy.requirementFor(tool)));
        model.addAttribute("tenant", tenant);
        model.addAttribute("rules", rules.list(actor, id));
        model.addAttribute("catalog", catalog);
        model.addAttribute("requirements", requirements);
        model.addAttribute("tab", "rules");
        return "rules/list";
    }
}
