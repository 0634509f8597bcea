package net.gatehouse.appliance.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * A certificate's or CSR's subject in tmsh's words ({@code common-name}, {@code country},
 * {@code state}, {@code city}, {@code organization}, {@code ou}, {@code email-address},
 * {@code subject-alternative-name}). Values are as typed; {@code none} means absent.
 */
public record Subject(Map<String, String> fields) {

    /** The subject properties tmsh takes, in the order BIG-IP lists them. */
    public static final List<String> PROPERTIES = List.of("city", "common-name", "country", "email-address",
            "organization", "ou", "state", "subject-alternative-name");

    public Subject {
        fields = Map.copyOf(fields);
        for (String name : fields.keySet()) {
            if (!PROPERTIES.contains(name)) {
                throw new IllegalArgumentException("\"" + name + "\" is not a subject property");
            }
        }
        String country = fields.getOrDefault("country", "none");
        if (!country.equals("none") && !country.matches("[A-Za-z]{2}")) {
            throw new IllegalArgumentException("country \"" + country + "\" must be a two-letter code");
        }
    }

    public String get(String property) {
        return fields.getOrDefault(property, "none");
    }

    private boolean has(String property) {
        return !get(property).equals("none") && !get(property).isEmpty();
    }

    /** The X.500 name, encoded so that it prints {@code CN=...,OU=...,O=...,L=...,ST=...,C=...,emailAddress=...}. */
    X500Name name() {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        Map<String, org.bouncycastle.asn1.ASN1ObjectIdentifier> order = new LinkedHashMap<>();
        order.put("email-address", BCStyle.EmailAddress);
        order.put("country", BCStyle.C);
        order.put("state", BCStyle.ST);
        order.put("city", BCStyle.L);
        order.put("organization", BCStyle.O);
        order.put("ou", BCStyle.OU);
        order.put("common-name", BCStyle.CN);
        order.forEach((property, oid) -> {
            if (has(property)) {
                builder.addRDN(oid, get(property));
            }
        });
        return builder.build();
    }

    /** {@code "DNS:a.example.com,IP:10.0.0.1"} as general names; empty when there are none. */
    GeneralNames alternativeNames() {
        List<GeneralName> names = new ArrayList<>();
        if (has("subject-alternative-name")) {
            for (String entry : get("subject-alternative-name").split(",")) {
                String trimmed = entry.strip();
                int colon = trimmed.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("subject-alternative-name entry \"" + trimmed
                            + "\" must be TYPE:value (DNS, IP, email or URI)");
                }
                String value = trimmed.substring(colon + 1);
                names.add(switch (trimmed.substring(0, colon).toUpperCase()) {
                    case "DNS" -> new GeneralName(GeneralName.dNSName, value);
                    case "IP" -> new GeneralName(GeneralName.iPAddress, value);
                    case "EMAIL" -> new GeneralName(GeneralName.rfc822Name, value);
                    case "URI" -> new GeneralName(GeneralName.uniformResourceIdentifier, value);
                    default -> throw new IllegalArgumentException("subject-alternative-name type \""
                            + trimmed.substring(0, colon) + "\" is not one of DNS, IP, email, URI");
                });
            }
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }
}
