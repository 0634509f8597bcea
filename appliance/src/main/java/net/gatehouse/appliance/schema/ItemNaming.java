package net.gatehouse.appliance.schema;

/** How the items of a collection are named, and so how their names are resolved and shown. */
public sealed interface ItemNaming {

    /** Pool members: {@code address:port} or {@code node-name:port}, stored as full paths. */
    record Member() implements ItemNaming {
    }

    /** Items that are references to objects of a family (a virtual's profiles, rules, vlans). */
    record Ref(Family family) implements ItemNaming {
    }

    /** Items named by an address, stored as full paths (snatpool members). */
    record AddressName() implements ItemNaming {
    }

    /** Items whose names are kept verbatim. */
    record Plain() implements ItemNaming {
    }
}
