package dev.mcpgateway.admin.member;

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

/** {@code /api/v1/tenants/{id}/members} and {@code /api/v1/users/{email}/tenants}. */
@RestController
class MemberApiController {

    private final MemberService members;
    private final Actors actors;

    MemberApiController(MemberService members, Actors actors) {
        this.members = members;
        this.actors = actors;
    }

    /** The body of a membership PUT: only the level (the email is in the URL). */
    record MemberRequest(String accessLevel) {
    }

    @GetMapping("/api/v1/tenants/{id}/members")
    List<Member> list(@PathVariable String id) {
        return members.list(actors.current(), id);
    }

    /** Sets a member's level, adding them when absent: 201 when added, 200 otherwise. */
    @PutMapping("/api/v1/tenants/{id}/members/{email}")
    ResponseEntity<Member> put(@PathVariable String id, @PathVariable String email, @RequestBody MemberRequest body) {
        boolean created = members.put(actors.current(), id, email, body.accessLevel());
        Member member = members.get(actors.current(), id, email);
        return PutResponses.of(created, "/api/v1/tenants/" + id + "/members/" + member.email(), member);
    }

    @DeleteMapping("/api/v1/tenants/{id}/members/{email}")
    ResponseEntity<Void> delete(@PathVariable String id, @PathVariable String email) {
        members.remove(actors.current(), id, email);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/users/{email}/tenants")
    List<Membership> tenantsOf(@PathVariable String email) {
        return members.tenantsOf(actors.current(), email);
    }
}
