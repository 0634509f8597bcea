package net.gatehouse.appliance.dataplane.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whom a profile trusts to sign a peer's certificate: the certificates of its {@code ca-file},
 * with {@code authenticate-depth} as the longest chain of intermediates accepted (PKIX, no
 * revocation checks: {@code crl-file} is inert).
 */
final class PeerTrust {

    private PeerTrust() {
    }

    static TrustManagerFactory of(List<X509Certificate> authorities, int depth) throws GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        try {
            anchors.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("an empty trust store cannot be made", e);
        }
        for (int i = 0; i < authorities.size(); i++) {
            anchors.setCertificateEntry("ca" + i, authorities.get(i));
        }
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
        parameters.setRevocationEnabled(false);
        parameters.setMaxPathLength(depth);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(new CertPathTrustManagerParameters(parameters));
        return factory;
    }
}
