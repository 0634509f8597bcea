package net.gatehouse.appliance.schema;

/**
 * A namespace of object names. All profiles share one family, all monitors another, all persistence
 * profiles another; references resolve within a family.
 */
public record Family(String name) {

    public static final Family NODE = new Family("node");
    public static final Family POOL = new Family("pool");
    public static final Family MONITOR = new Family("monitor");
    public static final Family PROFILE = new Family("profile");
    public static final Family PERSISTENCE = new Family("persistence");
    public static final Family VIRTUAL = new Family("virtual");
    public static final Family VIRTUAL_ADDRESS = new Family("virtual-address");
    public static final Family SNATPOOL = new Family("snatpool");
    public static final Family SNAT_TRANSLATION = new Family("snat-translation");
    public static final Family RULE = new Family("rule");
    public static final Family VLAN = new Family("vlan");
    public static final Family TRAFFIC_GROUP = new Family("traffic-group");
    public static final Family FOLDER = new Family("folder");
    public static final Family DB = new Family("db");
    public static final Family POLICY = new Family("policy");
    public static final Family POLICY_STRATEGY = new Family("policy-strategy");
    public static final Family DATA_GROUP = new Family("data-group");
    public static final Family DATA_GROUP_FILE = new Family("data-group-file");
    public static final Family SSL_CERT = new Family("ssl-cert");
    public static final Family SSL_KEY = new Family("ssl-key");
    public static final Family CRYPTO_KEY = new Family("crypto-key");
    public static final Family CRYPTO_CERT = new Family("crypto-cert");
    public static final Family CRYPTO_CSR = new Family("crypto-csr");
    public static final Family SELF = new Family("self");
    public static final Family ROUTE = new Family("route");
    public static final Family ROUTE_DOMAIN = new Family("route-domain");
    public static final Family DEVICE = new Family("device");
    public static final Family DEVICE_GROUP = new Family("device-group");
    public static final Family TRUST_DOMAIN = new Family("trust-domain");
    public static final Family USER = new Family("user");
    public static final Family SETTINGS = new Family("settings");

    @Override
    public String toString() {
        return name;
    }
}
