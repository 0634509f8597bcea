package net.gatehouse.appliance.command;

import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;

/**
 * A partition and its root folder are one thing seen two ways, as on BIG-IP: {@code auth partition
 * Tenant1} is also {@code sys folder /Tenant1} (which holds the folder's own description and
 * traffic group). Creating either makes the other; deleting either deletes both, and only when
 * nothing is left inside. Registered for both {@code auth partition} and {@code sys folder}.
 */
final class PartitionRootRule implements ComponentRule {

    static final String PARTITION = "auth partition";
    static final String FOLDER = "sys folder";

    @Override
    public List<ConfigObject> implied(ConfigObject object, Snapshot candidate) {
        return twin(object, candidate)
                .filter(twin -> candidate.get(twin.type(), twin.fullPath()).isEmpty())
                .map(List::of)
                .orElse(List.of());
    }

    @Override
    public List<ConfigObject> deletedWith(ConfigObject object, Snapshot candidate) {
        return twin(object, candidate)
                .flatMap(twin -> candidate.get(twin.type(), twin.fullPath()))
                .map(List::of)
                .orElse(List.of());
    }

    /** The other face of a partition or of a partition's root folder; nothing for other folders. */
    private static Optional<ConfigObject> twin(ConfigObject object, Snapshot candidate) {
        String path = object.fullPath();
        if (object.type().path().equals(PARTITION)) {
            return candidate.schema().type(FOLDER).map(folder -> fresh(folder, "/" + path));
        }
        boolean partitionRoot = !path.equals("/") && Paths.folder(path).equals("/");
        if (!partitionRoot) {
            return Optional.empty();
        }
        return candidate.schema().type(PARTITION).map(partition -> fresh(partition, Paths.name(path)));
    }

    private static ConfigObject fresh(ComponentType type, String fullPath) {
        return new ConfigObject(type, fullPath, Body.EMPTY, 0);
    }
}
