package dev.mcpgateway.admin.tenant;

import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.TenantFields;
import dev.mcpgateway.policy.TenantIds;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A tenant as entered in the form or sent to the API ({@code PUT/POST /api/v1/tenants}); the constraints are the
 * database's, shared with the bootstrap file through {@link TenantIds} and {@link TenantFields}, with messages a
 * person can act on. Defaults match the bootstrap YAML's.
 */
@TenantForm.AnnotationLevelsNeedMcp
@TenantForm.ValidRateLimits
public class TenantForm {

    @NotBlank(message = "Enter an id")
    @Pattern(regexp = TenantIds.PATTERN,
            message = "Use 1-63 lower-case letters, digits or '-', starting with a letter or digit")
    private String id;

    @NotBlank(message = "Enter a display name")
    @Size(max = TenantFields.MAX_DISPLAY_NAME_LENGTH, message = "Use at most 200 characters")
    private String displayName;

    @NotBlank(message = "Enter the backend URL")
    @Size(max = TenantFields.MAX_BACKEND_URL_LENGTH, message = "Use at most 2048 characters")
    @Pattern(regexp = TenantFields.BACKEND_URL_PATTERN, message = "Enter an http:// or https:// URL without spaces")
    private String backendUrl;

    @NotNull(message = "Choose a backend type")
    @Pattern(regexp = "openapi|mcp", message = "Choose openapi or mcp")
    private String backendType = "openapi";

    private boolean enabled = true;

    @NotNull(message = "Choose a default tool level")
    @Pattern(regexp = "read|write|admin", message = "Choose read, write or admin")
    private String defaultToolLevel = "read";

    /** Only for {@code mcp} backends (see {@link AnnotationLevelsNeedMcp}); false when left out, as in the YAML. */
    private boolean toolLevelsFromAnnotations;

    /** Checked by {@link ValidRateLimits}; blank parts are the gateway's defaults. */
    private RateLimitForm rateLimit = new RateLimitForm();

    public static TenantForm of(Tenant tenant) {
        TenantForm form = new TenantForm();
        form.setId(tenant.id());
        form.setDisplayName(tenant.displayName());
        form.setBackendUrl(tenant.backendUrl());
        form.setBackendType(tenant.backendType());
        form.setEnabled(tenant.enabled());
        form.setDefaultToolLevel(tenant.defaultToolLevel());
        form.setToolLevelsFromAnnotations(tenant.toolLevelsFromAnnotations());
        form.setRateLimit(RateLimitForm.of(tenant.rateLimit()));
        return form;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = trim(id);
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = trim(displayName);
    }

    public String getBackendUrl() {
        return backendUrl;
    }

    public void setBackendUrl(String backendUrl) {
        this.backendUrl = trim(backendUrl);
    }

    public String getBackendType() {
        return backendType;
    }

    public void setBackendType(String backendType) {
        this.backendType = trim(backendType);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getDefaultToolLevel() {
        return defaultToolLevel;
    }

    public void setDefaultToolLevel(String defaultToolLevel) {
        this.defaultToolLevel = trim(defaultToolLevel);
    }

    public boolean isToolLevelsFromAnnotations() {
        return toolLevelsFromAnnotations;
    }

    public void setToolLevelsFromAnnotations(boolean toolLevelsFromAnnotations) {
        this.toolLevelsFromAnnotations = toolLevelsFromAnnotations;
    }

    public RateLimitForm getRateLimit() {
        return rateLimit;
    }

    /** A JSON {@code "rateLimit": null} means every part is the gateway's default, like leaving it out. */
    public void setRateLimit(RateLimitForm rateLimit) {
        this.rateLimit = rateLimit == null ? new RateLimitForm() : rateLimit;
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    /** The change in words, for the audit detail (no secrets live in a tenant row). */
    String describe() {
        return "displayName=" + displayName + ", backendUrl=" + backendUrl + ", backendType=" + backendType
                + ", enabled=" + enabled + ", defaultToolLevel=" + defaultToolLevel
                + ", rateLimit=" + describe(rateLimit.toRateLimits())
                + ", toolLevelsFromAnnotations=" + toolLevelsFromAnnotations;
    }

    private static String describe(RateLimits limits) {
        if (!limits.anySet()) {
            return "gateway defaults";
        }
        return "{perUser=" + bucket(limits.perUser()) + ", tenant=" + bucket(limits.tenant())
                + ", maxConcurrentCalls=" + orDefault(limits.maxConcurrentCalls())
                + ", maxResponseBytes=" + orDefault(limits.maxResponseBytes()) + "}";
    }

    private static String bucket(RateLimits.Bucket bucket) {
        return bucket == null ? "default" : bucket.requestsPerSecond() + "/s burst " + bucket.burst();
    }

    private static String orDefault(Number value) {
        return value == null ? "default" : value.toString();
    }

    /**
     * {@code toolLevelsFromAnnotations} only with backend type {@code mcp}: openapi (mcpo-style) backends have no
     * tool annotations, so the gateway would ignore the flag. Reported on the field, as the other checks are.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = AnnotationLevelsNeedMcpValidator.class)
    @interface AnnotationLevelsNeedMcp {

        String message() default "Only for backend type mcp: openapi backends have no tool annotations";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    static final class AnnotationLevelsNeedMcpValidator implements ConstraintValidator<AnnotationLevelsNeedMcp, TenantForm> {

        @Override
        public boolean isValid(TenantForm form, ConstraintValidatorContext context) {
            if (form == null || !form.isToolLevelsFromAnnotations() || !"openapi".equals(form.getBackendType())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("toolLevelsFromAnnotations").addConstraintViolation();
            return false;
        }
    }

    /**
     * The {@code rateLimit} block follows {@link RateLimits#problems()} (the bootstrap file's rule), and a bucket has
     * both numbers or neither. Each problem is reported on its field ({@code rateLimit.perUser.burst}).
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = ValidRateLimitsValidator.class)
    @interface ValidRateLimits {

        String message() default "Invalid rate limits";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    static final class ValidRateLimitsValidator implements ConstraintValidator<ValidRateLimits, TenantForm> {

        @Override
        public boolean isValid(TenantForm form, ConstraintValidatorContext context) {
            if (form == null) {
                return true;
            }
            RateLimitForm limits = form.getRateLimit();
            context.disableDefaultConstraintViolation();
            boolean valid = bothOrNeither("perUser", limits.getPerUser(), context);
            valid &= bothOrNeither("tenant", limits.getTenant(), context);
            for (String problem : limits.toRateLimits().problems()) {
                // problems() starts each sentence with the field path, e.g. "rateLimit.perUser.burst must be ..."
                String[] path = problem.substring(0, problem.indexOf(' ')).split("\\.");
                var node = context.buildConstraintViolationWithTemplate(escape(problem)).addPropertyNode(path[0]);
                for (int i = 1; i < path.length; i++) {
                    node = node.addPropertyNode(path[i]);
                }
                node.addConstraintViolation();
                valid = false;
            }
            return valid;
        }

        private static boolean bothOrNeither(String name, RateLimitForm.BucketForm bucket,
                ConstraintValidatorContext context) {
            String missing = bucket.missingHalf();
            if (missing == null) {
                return true;
            }
            context.buildConstraintViolationWithTemplate("Enter both requests per second and burst, or neither (the"
                            + " gateway default)")
                    .addPropertyNode("rateLimit").addPropertyNode(name).addPropertyNode(missing)
                    .addConstraintViolation();
            return false;
        }

        /** Message templates interpolate braces and $; the policy's sentences are plain text. */
        private static String escape(String text) {
            return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
