package dev.mcpgateway.admin.member;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemberEmailsTests {

    @Test
    void splitsPastedListsOnCommasSemicolonsSpacesAndNewLines() {
        assertThat(MemberEmails.split(" Ada@Acme.io, grace@acme.io;linus@acme.io\n\nada@acme.io  bob@x.y "))
                .containsExactly("ada@acme.io", "grace@acme.io", "linus@acme.io", "bob@x.y");
        assertThat(MemberEmails.split("  \n ")).isEmpty();
        assertThat(MemberEmails.split(null)).isEmpty();
    }

    @Test
    void acceptsWhatTheDatabaseConstraintAccepts() {
        assertThat(MemberEmails.isValid("a@b")).isTrue();
        assertThat(MemberEmails.isValid("no-at-sign")).isFalse();
        assertThat(MemberEmails.isValid("two@@signs")).isFalse();
        assertThat(MemberEmails.isValid("a@" + "x".repeat(319))).isFalse();
    }
}
