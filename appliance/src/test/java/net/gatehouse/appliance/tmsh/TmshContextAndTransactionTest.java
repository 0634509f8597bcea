package net.gatehouse.appliance.tmsh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.command.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmshContextAndTransactionTest {

    @TempDir
    Path dir;

    @Test
    void insideAModuleCommandsNameComponentsWithoutTheModule() throws Exception {
        try (CoreFixture core = CoreFixture.open(dir)) {
            TmshSession session = core.appliance().tmsh(CoreFixture.ADMIN);
            assertThat(session.modulePrompt()).isEqualTo("tmos");
            session.execute("ltm");
            assertThat(session.modulePrompt()).isEqualTo("tmos.ltm");
            session.execute("create pool web members add { 10.0.0.1:80 }");
            assertThat(session.execute("list pool web one-line"))
                    .isEqualTo("ltm pool web { members { 10.0.0.1:http { address 10.0.0.1 } } }\n");
            assertThat(session.execute("list sys db ui.advisory.enabled")).contains("sys db ui.advisory.enabled");
            session.execute("monitor");
            assertThat(session.modulePrompt()).isEqualTo("tmos.ltm.monitor");
            session.execute("create http health send \"GET /\\r\\n\"");
            assertThat(session.leaveContext()).isTrue();
            assertThat(session.leaveContext()).isTrue();
            assertThat(session.leaveContext()).isFalse();
            assertThat(session.execute("list ltm monitor http health")).contains("send \"GET /\\r\\n\"");
        }
    }

    @Test
    void aCliTransactionAppliesEverythingAtSubmitOrNothing() throws Exception {
        try (CoreFixture core = CoreFixture.open(dir)) {
            TmshSession session = core.appliance().tmsh(CoreFixture.ADMIN);
            session.execute("create cli transaction");
            session.execute("create ltm pool a");
            session.execute("create ltm virtual v destination 10.1.1.1:80 pool a");
            assertThat(session.execute("list cli transaction")).isEqualTo(
                    "1: create ltm pool a\n2: create ltm virtual v destination 10.1.1.1:80 pool a\n");
            assertThat(core.generation()).as("nothing applied before submit").isZero();
            session.execute("submit cli transaction");
            assertThat(core.generation()).as("one commit for the whole transaction").isEqualTo(1);
            assertThat(core.tmsh("list ltm virtual v")).contains("pool a");

            session.execute("create cli transaction");
            session.execute("create ltm pool b");
            session.execute("delete ltm pool a");
            assertThat(core.tmshError("list ltm pool b")).as("queued, not applied")
                    .isEqualTo("01020036:3: The requested Pool (/Common/b) was not found.");
            TmshSession other = core.appliance().tmsh(new Principal("admin", Principal.Origin.TMSH));
            try {
                session.execute("submit cli transaction");
                throw new AssertionError("an invalid transaction was applied");
            } catch (TmshError e) {
                assertThat(e.getMessage()).startsWith("01070265:3: The Pool (/Common/a) cannot be deleted");
            }
            assertThat(other.execute("list ltm pool one-line")).isEqualTo("ltm pool a { }\n");
            assertThat(core.generation()).isEqualTo(1);
            session.execute("create cli transaction");
            session.execute("create ltm pool c");
            session.execute("discard cli transaction");
            assertThat(other.execute("list ltm pool one-line")).isEqualTo("ltm pool a { }\n");
        }
    }

    @Test
    void showRunningConfigListsEveryConfiguredObject() {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("create ltm pool web");
            core.tmsh("modify sys db ui.advisory.enabled value true");
            assertThat(core.tmsh("show running-config")).contains("ltm pool web { }\n")
                    .contains("sys db ui.advisory.enabled {\n    value \"true\"\n}\n")
                    .doesNotContain("ltm monitor http http");
        }
    }

    @Test
    void resetStatsNamesTheObjectItResets() {
        try (CoreFixture core = CoreFixture.open(dir)) {
            core.tmsh("create ltm pool web");
            core.tmsh("reset-stats ltm pool web");
            core.tmsh("reset-stats ltm virtual");
            assertThat(core.tmshError("reset-stats ltm pool nosuch"))
                    .isEqualTo("01020036:3: The requested Pool (/Common/nosuch) was not found.");
        }
    }
}
