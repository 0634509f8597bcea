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

    @Override
    public String toString() {
        return name;
    }
}
