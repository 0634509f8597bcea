package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BashCommandTest {

    @Test
    void tmshDashCInsideSingleQuotesIsTheTmshLine() {
        assertThat(BashCommand.tmshLine("-c 'tmsh -c \"list ltm pool; show ltm virtual\"'"))
                .contains("list ltm pool; show ltm virtual");
    }

    @Test
    void bigipCommandsEscapedQuotesAreUnderstood() {
        assertThat(BashCommand.tmshLine("-c \"tmsh -c \\\"list ltm pool web_pool\\\"\"")).contains("list ltm pool web_pool");
    }

    @Test
    void tmshWithItsWordsIsTheTmshLine() {
        assertThat(BashCommand.tmshLine("-c \"tmsh save sys config\"")).contains("save sys config");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-c \"rm -rf /\"",
        "-c \"cat /etc/passwd\"",
        "-c \"tmsh list ltm pool; rm -rf /\"",
        "-c \"tmsh list ltm pool && id\"",
        "-c \"tmsh list ltm pool | grep x\"",
        "-c \"tmsh list ltm pool > /tmp/x\"",
        "-c \"tmsh -c \\\"list $(id)\\\"\"",
        "-c \"tmsh -c `id`\"",
        "-c 'tmsh -c \"list\"' extra",
        "-c \"tmsh -c \\\"list\\\" more\"",
        "tmsh list ltm pool",
        "-c \"/usr/bin/tmsh list ltm pool\"",
        "-c \"tmsh --version\"",
        "-c 'unterminated",
        ""})
    void anythingButOneTmshInvocationIsRefused(String args) {
        assertThat(BashCommand.tmshLine(args)).isEmpty();
    }
}
