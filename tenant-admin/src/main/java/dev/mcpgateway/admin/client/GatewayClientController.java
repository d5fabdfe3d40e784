package dev.mcpgateway.admin.client;

import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.Actors;
import dev.mcpgateway.admin.system.AdminProperties;
import dev.mcpgateway.admin.system.ConflictException;
import dev.mcpgateway.admin.system.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Client keys: create (the key is rendered once, in the response to the POST, with caching off; never put in the
 * session or a redirect), list with last use, revoke; beside them, the identity modes the gateway trusts.
 */
@Controller
class GatewayClientController {

    private final GatewayClientService clients;
    private final Actors actors;
    private final AdminProperties properties;

    GatewayClientController(GatewayClientService clients, Actors actors, AdminProperties properties) {
        this.clients = clients;
        this.actors = actors;
        this.properties = properties;
    }

    @GetMapping("/clients")
    String list(Model model) {
        return page(actors.current(), model);
    }

    @PostMapping("/clients")
    String create(@RequestParam(defaultValue = "") String name, Model model, HttpServletResponse response) {
        Actor actor = actors.current();
        try {
            GatewayClientService.CreatedKey created = clients.create(actor, name);
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("created", created);
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("nameError", e.getMessage());
            model.addAttribute("name", name);
        }
        return page(actor, model);
    }

    @PostMapping("/clients/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        clients.revoke(actors.current(), id);
        redirect.addFlashAttribute("flash", "Client key revoked; gateways refuse it within about a second.");
        return "redirect:/clients";
    }

    private static String mcpUrl(URI publicBaseUrl) {
        if (publicBaseUrl == null) {
            return null;
        }
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/mcp";
    }

    private String page(Actor actor, Model model) {
        model.addAttribute("clients", clients.list(actor));
        model.addAttribute("identity", properties.identity());
        model.addAttribute("mcpUrl", mcpUrl(properties.publicBaseUrl()));
        return "clients/list";
    }
}
