package dev.mcpgateway.admin.client;

import dev.mcpgateway.admin.system.Actors;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/clients}: create (the response carries the key, once), list, revoke. */
@RestController
class GatewayClientApiController {

    private final GatewayClientService clients;
    private final Actors actors;

    GatewayClientApiController(GatewayClientService clients, Actors actors) {
        this.clients = clients;
        this.actors = actors;
    }

    record ClientRequest(String name) {
    }

    @GetMapping("/api/v1/clients")
    List<GatewayClient> list() {
        return clients.list(actors.current());
    }

    @PostMapping("/api/v1/clients")
    ResponseEntity<GatewayClientService.CreatedKey> create(@RequestBody ClientRequest body) {
        GatewayClientService.CreatedKey created = clients.create(actors.current(), body.name());
        return ResponseEntity.created(URI.create("/api/v1/clients/" + created.client().id()))
                .header("Cache-Control", "no-store").body(created);
    }

    @DeleteMapping("/api/v1/clients/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        clients.revoke(actors.current(), id);
        return ResponseEntity.noContent().build();
    }
}
