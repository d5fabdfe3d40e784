package dev.mcpgateway.admin.system;

import java.net.URI;
import org.springframework.http.ResponseEntity;

/** The answer of an idempotent JSON API PUT: {@code 201} with the resource's location when it was created, else {@code 200}. */
public final class PutResponses {

    private PutResponses() {
    }

    public static <T> ResponseEntity<T> of(boolean created, String location, T body) {
        return created ? ResponseEntity.created(URI.create(location)).body(body) : ResponseEntity.ok(body);
    }
}
