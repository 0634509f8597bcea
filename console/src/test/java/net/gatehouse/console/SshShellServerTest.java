package net.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshShellServerTest {

    @TempDir
    Path dataDir;

    @Test
    void aOneShotCommandOverSshRunsInTmshAsTheLoggedInUser() throws Exception {
        try (Appliance appliance = Appliance.open(dataDir, Clock.systemUTC());
                SshShellServer server = SshShellServer.start(new InetSocketAddress("127.0.0.1", 0),
                        dataDir.resolve("ssh_host_key"), (user, password) -> user.equals("admin")
                                && password.equals("admin"),
                        user -> appliance.tmsh(new Principal(user, Principal.Origin.TMSH)), appliance::snapshot);
                SshClient client = SshClient.setUpDefaultClient()) {
            client.start();
            assertThat(exec(client, server.port(), "admin", "create ltm pool web members add { 10.0.0.1:80 }"))
                    .isEmpty();
            assertThat(exec(client, server.port(), "admin", "list ltm pool web"))
                    .isEqualTo("ltm pool web {\n    members {\n        10.0.0.1:http {\n"
                            + "            address 10.0.0.1\n        }\n    }\n}\n");
            assertThat(appliance.store().log(1, 1).get(0).principal()).isEqualTo("admin");
            assertThatThrownBy(() -> exec(client, server.port(), "wrong", "list ltm pool"))
                    .hasMessageContaining("No more authentication methods available");
        }
    }

    private static String exec(SshClient client, int port, String password, String command) throws Exception {
        try (ClientSession session = client.connect("admin", "127.0.0.1", port)
                .verify(Duration.ofSeconds(10)).getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(Duration.ofSeconds(10));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(Duration.ofSeconds(10));
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
