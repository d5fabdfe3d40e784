package dev.mcpgateway.admin.credential;

import dev.mcpgateway.admin.system.Actors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tenants/{id}/credentials}: write-only; GET lists key names, never values. */
@RestController
class CredentialApiController {

    private final CredentialService credentials;
    private final Actors actors;

    CredentialApiController(CredentialService credentials, Actors actors) {
        this.credentials = credentials;
        this.actors = actors;
    }

    /** The body of a credential PUT. */
    record CredentialRequest(String value) {
        @Override
        public String toString() {
            return "CredentialRequest[value=<hidden>]";
        }
    }

    @GetMapping("/api/v1/tenants/{id}/credentials")
    CredentialSummary describe(@PathVariable String id) {
        return credentials.describe(actors.current(), id);
    }

    @PutMapping("/api/v1/tenants/{id}/credentials/{key}")
    ResponseEntity<Void> set(@PathVariable String id, @PathVariable String key, @RequestBody CredentialRequest body) {
        credentials.set(actors.current(), id, key, body.value());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/tenants/{id}/credentials/{key}")
    ResponseEntity<Void> delete(@PathVariable String id, @PathVariable String key) {
        credentials.remove(actors.current(), id, key);
        return ResponseEntity.noContent().build();
    }
}
