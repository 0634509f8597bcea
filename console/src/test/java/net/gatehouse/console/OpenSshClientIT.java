package net.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's OpenSSH client logs in to tmsh over SSH with the appliance's own accounts. */
class OpenSshClientIT {

    @TempDir
    Path dir;

    @Test
    void theOpenSshClientRunsTmshWithTheRightPasswordAndIsRefusedWithAWrongOneOrAReadOnlyRole() throws Exception {
        try (Appliance appliance = Appliance.open(dir.resolve("data"), Clock.systemUTC());
                SshShellServer server = SshShellServer.start(new InetSocketAddress("127.0.0.1", 0),
                        dir.resolve("host_key"), appliance.users()::authenticate,
                        user -> appliance.tmsh(new Principal(user, Principal.Origin.TMSH)), appliance::snapshot)) {
            Result created = ssh(server.port(), "admin", "create ltm pool web members add { 10.0.0.1:80 }");
            assertThat(created.exit()).as(created.output()).isZero();
            Result listed = ssh(server.port(), "admin", "list ltm pool web one-line");
            assertThat(listed.output()).contains("ltm pool web { members { 10.0.0.1:http { address 10.0.0.1 } } }");
            assertThat(appliance.store().log(1, 1).get(0).principal()).isEqualTo("admin");

            Result refused = ssh(server.port(), "not-the-password", "list ltm pool");
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.output()).contains("Permission denied");

            appliance.tmsh(new Principal("admin", Principal.Origin.TMSH)).execute(
                    "create auth user bob password Bobs-pass1 partition-access add { all-partitions { role guest } }");
            Result guestReads = ssh(server.port(), "bob", "Bobs-pass1", "list ltm pool web one-line");
            assertThat(guestReads.output()).contains("ltm pool web");
            Result guestWrites = ssh(server.port(), "bob", "Bobs-pass1", "create ltm pool other");
            assertThat(guestWrites.output()).contains("Access Denied: user (bob) does not have create access");
            assertThat(appliance.snapshot().get(appliance.snapshot().schema().require("ltm pool"), "/Common/other"))
                    .isEmpty();
        }
    }

    private record Result(int exit, String output) {
    }

    /** Runs the system's ssh with the password given through SSH_ASKPASS, as a script would. */
    private Result ssh(int port, String password, String command) throws Exception {
        return ssh(port, "admin", password, command);
    }

    private Result ssh(int port, String user, String password, String command) throws Exception {
        Path askpass = dir.resolve("askpass-" + password.hashCode() + ".sh");
        Files.writeString(askpass, "#!/bin/sh\necho '" + password + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder builder = new ProcessBuilder(List.of("ssh", "-p", Integer.toString(port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no",
                "-o", "NumberOfPasswordPrompts=1", "-o", "ConnectTimeout=10", user + "@127.0.0.1", command))
                .redirectErrorStream(true);
        builder.environment().put("SSH_ASKPASS", askpass.toString());
        builder.environment().put("SSH_ASKPASS_REQUIRE", "force");
        builder.environment().put("DISPLAY", "none");
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
