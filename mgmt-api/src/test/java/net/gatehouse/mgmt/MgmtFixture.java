package net.gatehouse.mgmt;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import net.gatehouse.appliance.Appliance;

/**
 * An appliance in a directory with its management API on a free loopback port, and clients that
 * trust its device certificate: {@link #client()} without credentials, {@link #admin()} as admin.
 */
final class MgmtFixture implements AutoCloseable {

    private final Appliance appliance;
    private final MgmtServer server;
    private final MgmtClient client;

    private MgmtFixture(Appliance appliance, MgmtServer server) {
        this.appliance = appliance;
        this.server = server;
        this.client = MgmtClient.trusting(MgmtClient.deviceCertificate(appliance), server.port());
    }

    static MgmtFixture start(Path dataDir, TestClock clock) {
        Appliance appliance = Appliance.open(dataDir, clock);
        return new MgmtFixture(appliance, MgmtServer.start(appliance, dataDir, new InetSocketAddress("127.0.0.1", 0),
                clock));
    }

    Appliance appliance() {
        return appliance;
    }

    MgmtServer server() {
        return server;
    }

    MgmtClient client() {
        return client;
    }

    MgmtClient admin() {
        return client.withBasic("admin", "admin");
    }

    @Override
    public void close() {
        server.close();
        appliance.close();
    }
}
