package net.gatehouse.appliance.config;

/** One member of a collection: a name (a full path where the item refers to an object) and its own properties. */
public record Item(String name, Body body) {

    public static Item named(String name) {
        return new Item(name, Body.EMPTY);
    }
}
