package dev.mcpgateway.admin.member;

import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.Actors;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.tenant.TenantService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Members of a tenant (add many at once, change level, remove) and, per user, the tenants they belong to. */
@Controller
class MemberController {

    private static final String LIST = "members/list";

    private final MemberService members;
    private final TenantService tenants;
    private final Actors actors;

    MemberController(MemberService members, TenantService tenants, Actors actors) {
        this.members = members;
        this.tenants = tenants;
        this.actors = actors;
    }

    @GetMapping("/tenants/{id}/members")
    String list(@PathVariable String id, Model model) {
        Actor actor = actors.current();
        model.addAttribute("memberForm", new MemberForm());
        return show(actor, id, model);
    }

    @PostMapping("/tenants/{id}/members")
    String add(@PathVariable String id, @ModelAttribute("memberForm") MemberForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        Actor actor = actors.current();
        MemberService.AddResult added;
        try {
            added = members.add(actor, id, form.getEmails(), form.getAccessLevel());
        } catch (InvalidInputException e) {
            result.rejectValue(e.field(), "invalid", e.getMessage());
            return show(actor, id, model);
        }
        redirect.addFlashAttribute("flash", summary(added));
        return "redirect:/tenants/" + id + "/members";
    }

    @PostMapping("/tenants/{id}/members/level")
    String changeLevel(@PathVariable String id, @RequestParam String email, @RequestParam String accessLevel,
            RedirectAttributes redirect) {
        members.changeLevel(actors.current(), id, email, accessLevel);
        redirect.addFlashAttribute("flash", email + " now has " + accessLevel + " access.");
        return "redirect:/tenants/" + id + "/members";
    }

    @PostMapping("/tenants/{id}/members/remove")
    String remove(@PathVariable String id, @RequestParam String email, RedirectAttributes redirect) {
        members.remove(actors.current(), id, email);
        redirect.addFlashAttribute("flash", email + " removed from '" + id + "'.");
        return "redirect:/tenants/" + id + "/members";
    }

    @GetMapping("/users")
    String user(@RequestParam(defaultValue = "") String email, Model model) {
        Actor actor = actors.current();
        actor.requirePlatformAdmin();
        model.addAttribute("email", email.trim());
        if (!email.isBlank()) {
            model.addAttribute("memberships", members.tenantsOf(actor, email));
        }
        return "members/user";
    }

    private String show(Actor actor, String id, Model model) {
        model.addAttribute("tenant", tenants.get(actor, id));
        model.addAttribute("members", members.list(actor, id));
        model.addAttribute("tab", "members");
        return LIST;
    }

    private static String summary(MemberService.AddResult result) {
        List<String> parts = new ArrayList<>();
        if (!result.added().isEmpty()) {
            parts.add("Added " + String.join(", ", result.added()) + ".");
        }
        if (!result.changed().isEmpty()) {
            parts.add("Changed level of " + String.join(", ", result.changed()) + ".");
        }
        if (!result.unchanged().isEmpty()) {
            parts.add("Already members at that level: " + String.join(", ", result.unchanged()) + ".");
        }
        return String.join(" ", parts);
    }
}
