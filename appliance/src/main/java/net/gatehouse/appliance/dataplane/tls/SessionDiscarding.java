package net.gatehouse.appliance.dataplane.tls;

import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * {@code cache-size 0} with the JDK's engine: the JDK has no off switch for a server's session cache,
 * so once a connection's handshake is done its session is invalidated and the context's cache is
 * emptied (TLS 1.3 keeps a copy under the ticket it sent). No later connection can resume; each makes a
 * full handshake, as with OpenSSL's cache turned off. The JDK's stateless tickets carry the session
 * to the client instead, so they must be off too ({@code jdk.tls.server.enableSessionTicketExtension=false},
 * which the box's launcher sets; F5's {@code session-ticket} is disabled by default).
 */
final class SessionDiscarding extends DelegatingSslContext {

    SessionDiscarding(SslContext context) {
        super(context);
    }

    @Override
    protected void initEngine(SSLEngine engine) {
        // Nothing to set on the engine: the session is discarded once its handshake is done.
    }

    @Override
    protected void initHandler(SslHandler handler) {
        handler.handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                discard(handler.engine().getSession());
            }
        });
    }

    private void discard(SSLSession session) {
        session.invalidate();
        SSLSessionContext sessions = sessionContext();
        List<byte[]> ids = Collections.list(sessions.getIds());
        for (byte[] id : ids) {
            SSLSession cached = sessions.getSession(id);
            if (cached != null) {
                cached.invalidate();
            }
        }
    }
}
