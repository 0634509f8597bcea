package net.gatehouse.appliance.crypto;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.runtime.CertificateView;

/**
 * The details BIG-IP reads out of a certificate when it shows {@code sys file ssl-cert} and
 * {@code sys crypto cert}, from the file of the object's {@code cache-path} on this appliance, each
 * time the object is shown. They are never stored, never written to bigip.conf and never accepted
 * as input (the schema declares them read-only).
 */
public final class CertificateDetails implements CertificateView {

    private final CryptoService crypto;

    public CertificateDetails(CryptoService crypto) {
        this.crypto = crypto;
    }

    @Override
    public Body details(Snapshot snapshot, ConfigObject object) {
        String type = object.type().path();
        if (!type.equals("sys file ssl-cert") && !type.equals("sys crypto cert")) {
            return Body.EMPTY;
        }
        Optional<X509Certificate> leaf = crypto.certificates(snapshot, object.fullPath())
                .filter(chain -> !chain.isEmpty()).map(chain -> chain.get(0));
        if (leaf.isEmpty()) {
            return Body.EMPTY;
        }
        return type.equals("sys file ssl-cert") ? ofFile(leaf.get()) : ofCryptoCert(leaf.get());
    }

    /**
     * {@code sys file ssl-cert}: REST {@code subject}, {@code expirationString}, {@code keyType}, ... and,
     * when the certificate has them, {@code subjectAlternativeName} ({@code DNS:a.example.com,IP:10.0.0.1}).
     */
    static Body ofFile(X509Certificate certificate) {
        Body details = Body.texts("certificate-key-curve-name", CertificateInfo.curveName(certificate),
                "certificate-key-size", Integer.toString(CertificateInfo.keySize(certificate)),
                "expiration-date", Long.toString(certificate.getNotAfter().toInstant().getEpochSecond()),
                "expiration-string", CertificateInfo.expiration(certificate),
                "fingerprint", CertificateInfo.fingerprint(certificate),
                "issuer", CertificateInfo.issuer(certificate),
                "key-type", CertificateInfo.keyType(certificate),
                "serial-number", CertificateInfo.serialNumber(certificate),
                "subject", CertificateInfo.subject(certificate),
                "version", Integer.toString(certificate.getVersion()));
        String alternatives = CertificateInfo.alternativeNames(certificate);
        return alternatives.isEmpty() ? details
                : details.with("subject-alternative-name", new Value.Text(alternatives));
    }

    /** {@code sys crypto cert}: the {@code expiration}, {@code issuer}, ... lines of {@code list sys crypto cert}. */
    static Body ofCryptoCert(X509Certificate certificate) {
        return Body.texts("certificate-key-size", Integer.toString(CertificateInfo.keySize(certificate)),
                "expiration", CertificateInfo.expiration(certificate),
                "fingerprint", CertificateInfo.fingerprint(certificate),
                "issuer", CertificateInfo.issuer(certificate),
                "public-key-type", certificate.getPublicKey() instanceof RSAKey ? "RSA" : "EC");
    }
}
