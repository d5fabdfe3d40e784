package dev.mcpgateway.admin.audit;

import dev.mcpgateway.admin.system.Actors;
import dev.mcpgateway.admin.system.AdminProperties;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.system.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit log (platform admins): gateway decisions and control-plane changes, filtered and paginated. */
@Controller
class AuditController {

    private final AuditRepository audit;
    private final Actors actors;
    private final AdminProperties properties;

    AuditController(AuditRepository audit, Actors actors, AdminProperties properties) {
        this.audit = audit;
        this.actors = actors;
        this.properties = properties;
    }

    @GetMapping("/audit")
    String list(@ModelAttribute("filter") AuditFilter filter, @RequestParam(required = false) Integer page, Model model) {
        actors.current().requirePlatformAdmin();
        if (!filter.getOutcome().isEmpty() && !AuditFilter.OUTCOMES.contains(filter.getOutcome())) {
            throw new InvalidInputException("outcome", "Outcome must be one of " + String.join(", ", AuditFilter.OUTCOMES));
        }
        model.addAttribute("page", audit.search(filter, Page.clamp(page), properties.admin().pageSize()));
        model.addAttribute("query", query(filter));
        return "audit/list";
    }

    /** The filters as a query-string suffix for the pager links. */
    private static String query(AuditFilter filter) {
        UriComponentsBuilder builder = UriComponentsBuilder.newInstance();
        add(builder, "tenant", filter.getTenant());
        add(builder, "user", filter.getUser());
        add(builder, "tool", filter.getTool());
        add(builder, "decision", filter.getDecision());
        add(builder, "outcome", filter.getOutcome());
        add(builder, "from", filter.getFrom() == null ? "" : filter.getFrom().toString());
        add(builder, "to", filter.getTo() == null ? "" : filter.getTo().toString());
        String query = builder.encode().build().getQuery();
        return query == null ? "" : "&" + query;
    }

    private static void add(UriComponentsBuilder builder, String name, String value) {
        if (!value.isEmpty()) {
            builder.queryParam(name, value);
        }
    }
}
