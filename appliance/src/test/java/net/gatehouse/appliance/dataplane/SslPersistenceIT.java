package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.dataplane.Loopback.readLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.persist.PersistMode;
import net.gatehouse.appliance.persist.PersistRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSL persistence end to end: a client-ssl virtual (the built-in {@code clientssl}, TLS 1.2, no
 * session tickets) persisting on the TLS session id; Java TLS clients that resume their session
 * across connections, real backends that greet with their name.
 */
class SslPersistenceIT {

    private static final int PORT = 443;

    @TempDir
    Path dir;

    private CoreFixture core;
    private TestBackend a;
    private TestBackend b;
    private String vip;

    @BeforeEach
    void start() throws IOException {
        core = CoreFixture.open(dir);
        a = TestBackend.start("a");
        b = TestBackend.start("b");
        vip = Loopback.randomAddress();
        core.tmsh("create ltm pool web members add { " + a.member() + " " + b.member() + " }");
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web"
                + " profiles add { tcp clientssl } persist replace-all-with { ssl }");
    }

    @AfterEach
    void stop() throws IOException {
        core.close();
        a.close();
        b.close();
    }

    /** What one TLS connection saw: the member's greeting and the session id. */
    private record Seen(String member, String sessionId) {
    }

    /** One connection with this client's SSLContext (which resumes its cached session). */
    private static Seen connect(SSLContext client, String vip) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(vip, PORT)) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new Seen(readLine(socket.getInputStream()), HexFormat.of().formatHex(socket.getSession().getId()));
        }
    }

    private List<PersistRecord> records() {
        return core.appliance().dataPlane().persistence().list();
    }

    @Test
    void aResumedSessionKeepsReachingTheSameMemberAcrossConnections() throws Exception {
        SSLContext client = TlsMaterial.anyServer();
        Seen first = connect(client, vip);
        assertThat(first.sessionId()).isNotEmpty();
        for (int i = 0; i < 10; i++) {
            Seen next = connect(client, vip);
            assertThat(next.sessionId()).as("the client resumed its session").isEqualTo(first.sessionId());
            assertThat(next.member()).isEqualTo(first.member());
        }
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.mode()).isEqualTo(PersistMode.SSL_SESSION_ID);
            assertThat(r.key()).isEqualTo(first.sessionId());
            assertThat(r.timeoutSeconds()).as("the built-in ssl profile's timeout").isEqualTo(300);
        });
    }

    @Test
    void aFreshSessionIsBalancedAnewAndGetsItsOwnRecord() throws Exception {
        SSLContext one = TlsMaterial.anyServer();
        SSLContext two = TlsMaterial.anyServer();
        Seen first = connect(one, vip);
        Seen second = connect(two, vip);
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
        assertThat(second.member()).as("round robin balanced the new session").isNotEqualTo(first.member());
        for (int i = 0; i < 5; i++) {
            assertThat(connect(one, vip).member()).isEqualTo(first.member());
            assertThat(connect(two, vip).member()).isEqualTo(second.member());
        }
        assertThat(records()).extracting(PersistRecord::key)
                .containsExactlyInAnyOrder(first.sessionId(), second.sessionId());
    }
}
