package net.gatehouse.appliance.crypto;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509KeyManager;

/**
 * TLS server contexts built from a key slot's key manager: the only way a slot's key is used outside
 * the slot, and only inside this process.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    /** A JDK {@code SSLContext} that presents the key manager's certificate. */
    public static SSLContext jdk(X509KeyManager keyManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS context", e);
        }
    }

    /** A Netty server {@code SslContext} (JDK engine) that presents the key manager's certificate. */
    public static SslContext nettyServer(X509KeyManager keyManager) throws SSLException {
        return SslContextBuilder.forServer(keyManager).sslProvider(SslProvider.JDK).build();
    }
}
