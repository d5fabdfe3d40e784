package dev.mcpgateway.admin.access;

import dev.mcpgateway.admin.system.Actors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/tenants/{id}/access?email=}: the explain-access screen for automation. */
@RestController
class AccessApiController {

    private final ExplainAccessService explain;
    private final Actors actors;

    AccessApiController(ExplainAccessService explain, Actors actors) {
        this.explain = explain;
        this.actors = actors;
    }

    @GetMapping("/api/v1/tenants/{id}/access")
    AccessExplanation explain(@PathVariable String id, @RequestParam String email) {
        return explain.explain(actors.current(), id, email);
    }
}
