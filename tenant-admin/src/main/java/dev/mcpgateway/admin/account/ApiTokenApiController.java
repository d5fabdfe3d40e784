package dev.mcpgateway.admin.account;

import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.Actors;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tokens}: platform admins list and revoke everyone's API tokens, others their own. */
@RestController
class ApiTokenApiController {

    private final ApiTokenService tokens;
    private final Actors actors;

    ApiTokenApiController(ApiTokenService tokens, Actors actors) {
        this.tokens = tokens;
        this.actors = actors;
    }

    @GetMapping("/api/v1/tokens")
    List<ApiToken> list() {
        Actor actor = actors.current();
        return actor.platformAdmin() ? tokens.all(actor) : tokens.mine(actor);
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        Actor actor = actors.current();
        if (actor.platformAdmin()) {
            tokens.revokeAny(actor, id);
        } else {
            tokens.revoke(actor, id);
        }
        return ResponseEntity.noContent().build();
    }
}
