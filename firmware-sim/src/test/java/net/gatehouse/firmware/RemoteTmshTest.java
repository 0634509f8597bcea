package net.gatehouse.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteTmshTest {

    @Test
    void commandsAreWrappedInTmshDashCAsBigIpClientsSendThem() {
        assertThat(RemoteTmsh.utilCmdArgs("list ltm pool; show sys version"))
                .isEqualTo("-c 'tmsh -c \"list ltm pool; show sys version\"'");
    }

    @Test
    void quotesBackslashesAndDollarsAreEscapedForBothShellQuotes() {
        assertThat(RemoteTmsh.utilCmdArgs("modify ltm pool p description \"it's $5\\\""))
                .isEqualTo("-c 'tmsh -c \"modify ltm pool p description \\\"it'\\''s \\$5\\\\\\\"\"'");
    }

    @Test
    void errorLinesAreSyntaxErrorsOrF5MessageCodes() {
        assertThat(TmshErrors.isFailure("Syntax Error: \"bogus\" unexpected argument\n")).isTrue();
        assertThat(TmshErrors.isFailure("ltm pool p {\n}\n01020036:3: The requested Pool (/Common/q) was not found.\n"))
                .isTrue();
        assertThat(TmshErrors.isFailure("ltm pool p {\n    description \"Syntax Error: no\"\n}\n")).isFalse();
    }
}
