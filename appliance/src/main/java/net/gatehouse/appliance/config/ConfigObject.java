package net.gatehouse.appliance.config;

import net.gatehouse.appliance.schema.ComponentType;

/**
 * One configuration object: its component type, full path, explicitly set properties and the
 * generation at which it last changed.
 */
public record ConfigObject(ComponentType type, String fullPath, Body body, long generation) {

    public ConfigObject withBody(Body newBody) {
        return new ConfigObject(type, fullPath, newBody, generation);
    }

    public ConfigObject atGeneration(long newGeneration) {
        return new ConfigObject(type, fullPath, body, newGeneration);
    }
}
