package net.gatehouse.appliance.crypto;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** What BIG-IP reads out of a certificate: subject, issuer, expiration in its words and formats. */
public final class CertificateInfo {

    /** OpenSSL's date form, which BIG-IP prints: {@code Nov 26 08:00:00 2036 GMT}. */
    public static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private static final Map<ASN1ObjectIdentifier, String> SHORT_NAMES = new LinkedHashMap<>();

    static {
        SHORT_NAMES.put(BCStyle.CN, "CN");
        SHORT_NAMES.put(BCStyle.OU, "OU");
        SHORT_NAMES.put(BCStyle.O, "O");
        SHORT_NAMES.put(BCStyle.L, "L");
        SHORT_NAMES.put(BCStyle.ST, "ST");
        SHORT_NAMES.put(BCStyle.C, "C");
        SHORT_NAMES.put(BCStyle.EmailAddress, "emailAddress");
    }

    private static final Map<ASN1ObjectIdentifier, String> PROPERTIES = Map.of(BCStyle.CN, "common-name",
            BCStyle.OU, "ou", BCStyle.O, "organization", BCStyle.L, "city", BCStyle.ST, "state",
            BCStyle.C, "country", BCStyle.EmailAddress, "email-address");

    private CertificateInfo() {
    }

    /** {@code CN=...,OU=...,O=...,L=...,ST=...,C=US}, most specific first, as BIG-IP prints a subject. */
    public static String subject(X509Certificate certificate) {
        return name(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()));
    }

    public static String issuer(X509Certificate certificate) {
        return name(X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()));
    }

    private static String name(X500Name name) {
        List<String> parts = new ArrayList<>();
        RDN[] rdns = name.getRDNs();
        for (int i = rdns.length - 1; i >= 0; i--) {
            ASN1ObjectIdentifier type = rdns[i].getFirst().getType();
            parts.add(SHORT_NAMES.getOrDefault(type, type.getId()) + "="
                    + IETFUtils.valueToString(rdns[i].getFirst().getValue()));
        }
        return String.join(",", parts);
    }

    /** The subject as tmsh properties ({@code common-name}, ..., {@code subject-alternative-name}). */
    static Subject subjectOf(X509Certificate certificate) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (RDN rdn : X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs()) {
            String property = PROPERTIES.get(rdn.getFirst().getType());
            if (property != null) {
                String value = IETFUtils.valueToString(rdn.getFirst().getValue());
                if (!property.equals("country") || value.matches("[A-Za-z]{2}")) {
                    fields.put(property, value);
                }
            }
        }
        String alternatives = alternativeNames(certificate);
        if (!alternatives.isEmpty()) {
            fields.put("subject-alternative-name", alternatives);
        }
        return new Subject(fields);
    }

    /** {@code DNS:a.example.com, IP:10.0.0.1}, as BIG-IP lists a certificate's alternative names. */
    public static String alternativeNames(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return "";
        }
        if (names == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            switch (type) {
                case 1 -> parts.add("email:" + value);
                case 2 -> parts.add("DNS:" + value);
                case 6 -> parts.add("URI:" + value);
                case 7 -> parts.add("IP:" + canonicalAddress(value));
                default -> {
                }
            }
        }
        return String.join(",", parts);
    }

    private static String canonicalAddress(String address) {
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** The certificate's lifetime in whole days, within what {@code sys crypto cert lifetime} accepts. */
    static int lifetimeDays(X509Certificate certificate) {
        long days = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()).toDays();
        return (int) Math.max(1, Math.min(36500, days));
    }

    /** Whole days from {@code now} until the certificate expires; negative once it has. */
    public static long daysLeft(X509Certificate certificate, Instant now) {
        Duration left = Duration.between(now, certificate.getNotAfter().toInstant());
        return left.isNegative() ? -Math.max(1, left.abs().toDays()) : left.toDays();
    }

    public static String expiration(X509Certificate certificate) {
        return DATE.format(certificate.getNotAfter().toInstant());
    }

    /** {@code rsa-public} or {@code ec-public}, and the key's size in bits. */
    public static String keyType(X509Certificate certificate) {
        return certificate.getPublicKey() instanceof RSAKey ? "rsa-public" : "ec-public";
    }

    /** The curve of an EC certificate's key as BIG-IP names it ({@code prime256v1}); {@code none} for RSA. */
    public static String curveName(X509Certificate certificate) {
        if (!(certificate.getPublicKey() instanceof ECKey)) {
            return "none";
        }
        return switch (keySize(certificate)) {
            case 256 -> "prime256v1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> "none";
        };
    }

    /**
     * The serial number as OpenSSL prints it (BIG-IP reads certificates with OpenSSL): in decimal when it
     * fits a 64-bit number ({@code 1}), else its bytes in hex separated by colons ({@code 03:a1:...}).
     */
    public static String serialNumber(X509Certificate certificate) {
        BigInteger serial = certificate.getSerialNumber();
        if (serial.signum() >= 0 && serial.bitLength() < Long.SIZE) {
            return serial.toString();
        }
        return colonHex(serial.abs().toByteArray(), false);
    }

    /** {@code SHA256/D5:DF:...}: the SHA-256 of the certificate, as {@code list sys crypto cert} shows it. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return "SHA256/" + colonHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()), true);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 of a parsed certificate cannot fail", e);
        }
    }

    private static String colonHex(byte[] bytes, boolean upper) {
        String hex = HexFormat.ofDelimiter(":").formatHex(bytes);
        return upper ? hex.toUpperCase(Locale.ROOT) : hex;
    }

    public static int keySize(X509Certificate certificate) {
        if (certificate.getPublicKey() instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength();
        }
        return ((ECKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize();
    }
}
