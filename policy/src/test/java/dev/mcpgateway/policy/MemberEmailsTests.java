package dev.mcpgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemberEmailsTests {

    @Test
    void acceptsWhatTheDatabaseConstraintAccepts() {
        assertThat(MemberEmails.isValid("a@b")).isTrue();
        assertThat(MemberEmails.isValid("a@" + "x".repeat(318))).isTrue();
    }

    @Test
    void refusesWhatTheDatabaseConstraintRefuses() {
        assertThat(MemberEmails.isValid("no-at-sign")).isFalse();
        assertThat(MemberEmails.isValid("two@@signs")).isFalse();
        assertThat(MemberEmails.isValid("a b@c")).isFalse();
        assertThat(MemberEmails.isValid("a@" + "x".repeat(319))).isFalse();
        assertThat(MemberEmails.isValid(null)).isFalse();
    }

    @Test
    void normalizesToTrimmedLowerCase() {
        assertThat(MemberEmails.normalize("  Ada@Acme.IO ")).isEqualTo("ada@acme.io");
        assertThat(MemberEmails.normalize(null)).isNull();
    }
}
