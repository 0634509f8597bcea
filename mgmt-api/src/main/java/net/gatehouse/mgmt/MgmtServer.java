package net.gatehouse.mgmt;

import net.gatehouse.appliance.auth.UserAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.files.ImportSources;
import net.gatehouse.appliance.command.Change;
import net.gatehouse.appliance.command.Commit;
import net.gatehouse.appliance.crypto.KeySlotException;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port: iControl REST over HTTPS (Jersey on Grizzly), presenting the device
 * certificate, authenticating against the local users and tokens.
 */
public final class MgmtServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MgmtServer.class);

    private final HttpServer server;
    private final int port;
    private final UserAccounts users;

    private MgmtServer(HttpServer server, int port, UserAccounts users) {
        this.server = server;
        this.port = port;
        this.users = users;
    }

    /**
     * Starts serving {@code appliance} on {@code address} (port 0 for any free port; {@link #port()}
     * says which), with the device certificate and users kept in {@code dataDirectory}.
     */
    public static MgmtServer start(Appliance appliance, Path dataDirectory, InetSocketAddress address, Clock clock) {
        UserAccounts users = appliance.users();
        Tokens tokens = new Tokens(clock);
        appliance.commands().subscribe(commit -> revokeChangedUsers(commit, tokens));
        Uploads uploads = new Uploads(ImportSources.uploadFolder(dataDirectory), Uploads.LIMIT_BYTES);
        Transactions transactions = new Transactions(clock);
        SslImports sslImports = new SslImports(appliance);
        ResourceConfig config = new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(new AuthFilter(tokens, users))
                .register(new AuthResource(tokens, users))
                .register(new TmResource(appliance, new SystemInfo(() -> SystemInfo.hostname(appliance.snapshot()), clock),
                        transactions, sslImports))
                .register(new TransactionResource(appliance, transactions))
                .register(new UtilResource(appliance, uploads))
                .register(new SysConfigResource(appliance))
                .register(new SysUcsResource(appliance))
                .register(new UcsTasksResource(appliance, clock))
                .register(new UcsDownloadResource(appliance))
                .register(new FileTransferResource(uploads))
                .register(new PackageTasksResource(clock))
                .register(ErrorMappers.RestErrors.class)
                .register(ErrorMappers.JaxRsErrors.class)
                .register(ErrorMappers.Unexpected.class);
        SSLEngineConfigurator tls = new SSLEngineConfigurator(deviceContext(appliance), false, false, false);
        URI uri = URI.create("https://" + address.getHostString() + ":" + address.getPort() + "/");
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(uri, config, true, tls, false);
        // F5's clients send a body with some GETs (bigip_ucs_fetch's chunked download); BIG-IP ignores it.
        server.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
        try {
            server.start();
        } catch (IOException e) {
            server.shutdownNow();
            throw new UncheckedIOException("the management port " + address + " cannot be opened", e);
        }
        NetworkListener listener = server.getListeners().iterator().next();
        int port = listener.getPort();
        LOG.info("Management REST API listening on https://{}:{}/mgmt", address.getHostString(), port);
        return new MgmtServer(server, port, users);
    }

    /** TLS with the device certificate, whose key lives in a key slot of the appliance. */
    private static SSLContext deviceContext(Appliance appliance) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {appliance.crypto().deviceKeyManager()}, null, null);
            return context;
        } catch (KeySlotException | GeneralSecurityException e) {
            throw new IllegalStateException("the device certificate cannot be used for TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A user deleted, or whose password or partition access changed, must log in again: their
     * tokens are revoked.
     */
    private static void revokeChangedUsers(Commit commit, Tokens tokens) {
        for (Change change : commit.changes()) {
            if (!change.object().type().path().equals("auth user") || change.isCreate()) {
                continue;
            }
            boolean revoke = change.isDelete() || !same(change, "encrypted-password") || !same(change, "partition-access");
            String user = change.object().fullPath();
            if (revoke && tokens.revokeAll(user) > 0) {
                LOG.info("Tokens of user '{}' revoked: the account changed", user);
            }
        }
    }

    private static boolean same(Change change, String property) {
        return change.before().orElseThrow().body().get(property).equals(change.after().orElseThrow().body().get(property));
    }

    /** The port the management API listens on. */
    public int port() {
        return port;
    }

    /** Whether {@code admin} still has its factory password, which should be changed. */
    public boolean defaultPasswordInUse() {
        return users.defaultPasswordInUse();
    }

    @Override
    public void close() {
        server.shutdownNow();
        LOG.info("Management REST API stopped");
    }
}
