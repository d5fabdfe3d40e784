package dev.mcpgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class TenantPolicyTests {

    private final TenantPolicy policy = new TenantPolicy(AccessLevel.READ, List.of(
            new ToolRule("write_file", RuleLevel.WRITE),
            new ToolRule("delete_*", RuleLevel.ADMIN),
            new ToolRule("delete_everything", RuleLevel.DENY),
            new ToolRule("*", RuleLevel.READ)));

    @Test
    void allowsReadMemberToCallToolAtDefaultLevel() {
        AccessDecision decision = new TenantPolicy(AccessLevel.READ, List.of()).decide(AccessLevel.READ, "read_file");
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.requirement().source()).isEqualTo("tenant default");
    }

    @Test
    void refusesNonMember() {
        AccessDecision decision = policy.decide(null, "read_file");
        assertThat(decision.outcome()).isEqualTo(AccessDecision.Outcome.NOT_A_MEMBER);
        assertThat(decision.explanation()).isEqualTo("not a member of this tenant");
    }

    @Test
    void refusesMemberBelowToolLevel() {
        AccessDecision decision = policy.decide(AccessLevel.READ, "write_file");
        assertThat(decision.outcome()).isEqualTo(AccessDecision.Outcome.LEVEL_TOO_LOW);
        assertThat(decision.explanation()).isEqualTo("requires write access, you have read (rule 'write_file')");
        assertThat(policy.decide(AccessLevel.WRITE, "write_file").allowed()).isTrue();
    }

    @Test
    void exactRuleBeatsPatternAndDenyRefusesEvenAdmins() {
        AccessDecision decision = policy.decide(AccessLevel.ADMIN, "delete_everything");
        assertThat(decision.outcome()).isEqualTo(AccessDecision.Outcome.DENIED_BY_RULE);
        assertThat(policy.isDenied("delete_everything")).isTrue();
        assertThat(policy.isDenied("delete_file")).isFalse();
    }

    @Test
    void mostSpecificPatternWins() {
        assertThat(policy.requirementFor("delete_file").level()).isEqualTo(RuleLevel.ADMIN);
        assertThat(policy.requirementFor("delete_file").source()).isEqualTo("rule 'delete_*'");
        assertThat(policy.requirementFor("list_files").source()).isEqualTo("rule '*'");
        assertThat(policy.decide(AccessLevel.WRITE, "delete_file").allowed()).isFalse();
    }

    @Test
    void annotationLevelAppliesOnlyWhenNoRuleMatches() {
        TenantPolicy noCatchAll = new TenantPolicy(AccessLevel.READ, List.of(new ToolRule("echo", RuleLevel.READ)));
        assertThat(noCatchAll.requirementFor("add", AccessLevel.WRITE).level()).isEqualTo(RuleLevel.WRITE);
        assertThat(noCatchAll.requirementFor("add", AccessLevel.WRITE).source()).isEqualTo("tool annotations");
        assertThat(noCatchAll.requirementFor("echo", AccessLevel.WRITE).level()).isEqualTo(RuleLevel.READ);
    }

    @Test
    void levelsAreOrdered() {
        assertThat(AccessLevel.ADMIN.satisfies(AccessLevel.WRITE)).isTrue();
        assertThat(AccessLevel.WRITE.satisfies(AccessLevel.ADMIN)).isFalse();
        assertThat(AccessLevel.of("Write")).isEqualTo(AccessLevel.WRITE);
        assertThatIllegalArgumentException().isThrownBy(() -> AccessLevel.of("owner"))
                .withMessageContaining("read, write, admin");
        assertThatIllegalArgumentException().isThrownBy(() -> RuleLevel.of("block"))
                .withMessageContaining("deny");
    }

    @Test
    void rejectsMalformedToolRule() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ToolRule("rm -rf", RuleLevel.DENY));
    }

    @Test
    void globMatchesAnyRun() {
        assertThat(new ToolRule("a*b*c", RuleLevel.READ).matches("axxbyyc")).isTrue();
        assertThat(new ToolRule("a*b*c", RuleLevel.READ).matches("axxbyy")).isFalse();
        assertThat(new ToolRule("*_file", RuleLevel.READ).matches("read_file")).isTrue();
        assertThat(new ToolRule("read_file", RuleLevel.READ).matches("read_files")).isFalse();
    }
}
