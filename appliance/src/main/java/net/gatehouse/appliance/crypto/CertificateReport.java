package net.gatehouse.appliance.crypto;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificate expiry: {@code show sys crypto cert} (subject, issuer, expiration and days left of each
 * certificate on this appliance) and the warnings logged as expiry approaches, in the words of
 * BIG-IP's {@code run sys crypto check-cert}.
 */
public final class CertificateReport {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateReport.class);
    /** BIG-IP warns from 30 days before a certificate expires. */
    public static final int WARNING_DAYS = 30;
    private static final String RULE = "-".repeat(80);

    private final CryptoService crypto;
    private final Clock clock;

    public CertificateReport(CryptoService crypto, Clock clock) {
        this.crypto = crypto;
        this.clock = clock;
    }

    /** One certificate's expiry as of now. */
    public record Entry(String path, X509Certificate certificate, long daysLeft) {
        public String status() {
            return daysLeft < 0 ? "expired" : daysLeft <= WARNING_DAYS ? "will expire" : "valid";
        }
    }

    public List<Entry> entries(Snapshot snapshot, List<ConfigObject> certificates) {
        List<Entry> entries = new ArrayList<>();
        for (ConfigObject object : certificates) {
            Optional<List<X509Certificate>> material = crypto.certificates(snapshot, object.fullPath());
            material.ifPresent(chain -> entries.add(new Entry(object.fullPath(), chain.get(0),
                    CertificateInfo.daysLeft(chain.get(0), clock.instant()))));
        }
        return entries;
    }

    /** {@code show sys crypto cert}: one block per certificate whose material is on this appliance. */
    public String show(Snapshot snapshot, List<ConfigObject> certificates) {
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries(snapshot, certificates)) {
            X509Certificate certificate = entry.certificate();
            out.append(RULE).append('\n')
                    .append("Sys::Crypto::Certificate: ").append(entry.path()).append('\n')
                    .append(RULE).append('\n');
            line(out, "Subject", CertificateInfo.subject(certificate));
            line(out, "Issuer", CertificateInfo.issuer(certificate));
            line(out, "Subject Alternative Name", blank(CertificateInfo.alternativeNames(certificate)));
            line(out, "Serial Number", certificate.getSerialNumber().toString(16));
            line(out, "Key Type", CertificateInfo.keyType(certificate));
            line(out, "Key Size", Integer.toString(CertificateInfo.keySize(certificate)));
            line(out, "Not Before", CertificateInfo.DATE.format(certificate.getNotBefore().toInstant()));
            line(out, "Expiration", CertificateInfo.expiration(certificate));
            line(out, "Days Left", Long.toString(entry.daysLeft()));
            line(out, "Status", entry.status());
            out.append('\n');
        }
        return out.toString();
    }

    private static String blank(String value) {
        return value.isEmpty() ? "none" : value;
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-26s%s%n", label, value));
    }

    /** Logs a warning for each certificate that expires within {@link #WARNING_DAYS}, an error for each expired one. */
    public void logExpiring(Snapshot snapshot, List<ConfigObject> certificates) {
        for (Entry entry : entries(snapshot, certificates)) {
            String subject = CertificateInfo.subject(entry.certificate());
            String date = CertificateInfo.expiration(entry.certificate());
            if (entry.daysLeft() < 0) {
                LOG.error("{} in file {} expired on {}", subject, entry.path(), date);
            } else if (entry.daysLeft() <= WARNING_DAYS) {
                LOG.warn("{} in file {} will expire on {} ({} days left)", subject, entry.path(), date, entry.daysLeft());
            }
        }
    }
}
