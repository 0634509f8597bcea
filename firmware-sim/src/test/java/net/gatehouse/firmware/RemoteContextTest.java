package net.gatehouse.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.gatehouse.appliance.schema.Schema;
import org.junit.jupiter.api.Test;

class RemoteContextTest {

    private final RemoteContext context = new RemoteContext(Schema.standard());

    private String succeed(String line) throws RemoteContext.Refused {
        RemoteContext.Call call = context.call(line);
        context.done(call, false);
        return call.commands();
    }

    @Test
    void theFolderAndModuleAreSentAgainBeforeEveryLine() throws Exception {
        assertThat(succeed("cd /Common/app")).isEqualTo("cd /Common/app");
        assertThat(succeed("ltm")).isEqualTo("cd /Common/app; ltm");
        assertThat(context.modulePrompt()).isEqualTo("tmos.ltm");
        assertThat(succeed("create pool p1")).isEqualTo("cd /Common/app; ltm; create pool p1");
        assertThat(succeed("monitor")).isEqualTo("cd /Common/app; ltm; monitor");
        assertThat(context.modulePrompt()).isEqualTo("tmos.ltm.monitor");
        assertThat(context.leaveModule()).isTrue();
        assertThat(succeed("cd ..")).isEqualTo("cd /Common/app; ltm; cd ..");
        assertThat(succeed("list pool")).isEqualTo("ltm; list pool");
        assertThat(context.folder()).isEqualTo("/Common");
        assertThat(context.leaveModule()).isTrue();
        assertThat(context.leaveModule()).isFalse();
        assertThat(succeed("list ltm pool")).isEqualTo("list ltm pool");
    }

    @Test
    void commandsJoinedOnOneLineAreFollowedOneByOne() throws Exception {
        succeed("cd /Common/app; ltm; create pool p1; exit; cd ..; sys");

        assertThat(context.folder()).isEqualTo("/Common");
        assertThat(context.modulePrompt()).isEqualTo("tmos.sys");
    }

    @Test
    void aFailedLineChangesNoContext() throws Exception {
        RemoteContext.Call call = context.call("cd /Common/missing");
        context.done(call, true);

        assertThat(context.folder()).isEqualTo("/Common");
        assertThat(succeed("bogus")).isEqualTo("bogus");
        assertThat(context.modulePrompt()).isEqualTo("tmos");
    }

    @Test
    void aTransactionsLinesAreCheckedAsTypedAndSentTogetherAtSubmit() throws Exception {
        succeed("ltm");
        RemoteContext.Call open = context.call("create cli transaction");
        assertThat(open.commands()).isEqualTo("ltm; create cli transaction; discard cli transaction");
        assertThat(open.showsOutput()).isFalse();
        context.done(open, false);
        assertThat(succeed("create pool a")).isEqualTo("ltm; create cli transaction; create pool a; discard cli transaction");
        context.done(context.call("create bogus b"), true);
        assertThat(context.listTransaction("list cli transaction")).contains("1: create cli transaction\n2: create pool a\n");

        RemoteContext.Call submit = context.call("submit cli transaction");

        assertThat(submit.commands()).isEqualTo("ltm; create cli transaction; create pool a; submit cli transaction");
        assertThat(submit.showsOutput()).isTrue();
        context.done(submit, true);
        assertThat(context.inTransaction()).as("a failed submit ends the transaction, as in tmsh").isFalse();
        assertThat(context.modulePrompt()).isEqualTo("tmos.ltm");
    }

    @Test
    void discardDropsTheQueuedLines() throws Exception {
        succeed("create cli transaction");
        succeed("create ltm pool a");
        succeed("discard cli transaction");

        assertThat(context.inTransaction()).isFalse();
        assertThat(succeed("list ltm pool")).isEqualTo("list ltm pool");
    }

    @Test
    void anIRuleInAnotherFolderIsNamedByItsFullPath() throws Exception {
        succeed("cd /Common/app");

        assertThat(succeed("create ltm rule r { when HTTP_REQUEST { HTTP::respond 200; } }"))
                .isEqualTo("create ltm rule /Common/app/r { when HTTP_REQUEST { HTTP::respond 200; } }");
        succeed("create cli transaction");
        assertThatThrownBy(() -> context.call("create ltm rule r2 { }"))
                .isInstanceOf(RemoteContext.Refused.class).hasMessageContaining("iRule");
    }
}
