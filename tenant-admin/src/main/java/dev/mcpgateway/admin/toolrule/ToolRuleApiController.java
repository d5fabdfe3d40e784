package dev.mcpgateway.admin.toolrule;

import dev.mcpgateway.admin.system.Actors;
import dev.mcpgateway.admin.system.PutResponses;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tenants/{id}/rules}: tool rules with the bootstrap YAML's names ({@code tool}, {@code level}). */
@RestController
class ToolRuleApiController {

    private final ToolRuleService rules;
    private final Actors actors;

    ToolRuleApiController(ToolRuleService rules, Actors actors) {
        this.rules = rules;
        this.actors = actors;
    }

    /** The body of a rule PUT: only the level (the tool is in the URL). */
    record RuleRequest(String level) {
    }

    @GetMapping("/api/v1/tenants/{id}/rules")
    List<ToolRuleRow> list(@PathVariable String id) {
        return rules.list(actors.current(), id);
    }

    @PutMapping("/api/v1/tenants/{id}/rules/{tool}")
    ResponseEntity<ToolRuleRow> put(@PathVariable String id, @PathVariable String tool, @RequestBody RuleRequest body) {
        boolean created = rules.put(actors.current(), id, tool, body.level());
        ToolRuleRow row = rules.list(actors.current(), id).stream().filter(r -> r.tool().equals(tool.trim()))
                .findFirst().orElseThrow();
        return PutResponses.of(created, "/api/v1/tenants/" + id + "/rules/" + row.tool(), row);
    }

    @DeleteMapping("/api/v1/tenants/{id}/rules/{tool}")
    ResponseEntity<Void> delete(@PathVariable String id, @PathVariable String tool) {
        rules.delete(actors.current(), id, tool);
        return ResponseEntity.noContent().build();
    }
}
