package dev.mcpgateway.admin.signin;

import dev.mcpgateway.admin.audit.AdminAudit;
import dev.mcpgateway.admin.system.Actor;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records each sign-in lock in the audit log (action {@code sign-in.lock}) and logs it at WARN. */
@Component
class SignInLockAudit {

    private static final Logger log = LoggerFactory.getLogger(SignInLockAudit.class);
    private static final Actor THROTTLE = new Actor("system:sign-in-throttle", false, Map.of());

    private final AdminAudit audit;

    SignInLockAudit(AdminAudit audit) {
        this.audit = audit;
    }

    @EventListener
    @Transactional
    void onLock(SignInLocked locked) {
        String what = (locked.subject() == SignInLocked.Subject.ACCOUNT ? "account " : "client address ") + locked.name();
        String detail = what + " locked for " + locked.lock().toSeconds() + " s after " + locked.failures()
                + " failed sign-ins";
        log.warn("Sign-in throttle: {}", detail);
        audit.record(THROTTLE, "sign-in.lock", null, detail);
    }
}
