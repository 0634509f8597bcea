package net.gatehouse.appliance.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.Addresses;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Shape;
import net.gatehouse.appliance.schema.ValueType.Reference;

/** Every reference an object makes, found through its schema: scalars, collection items, nested blocks. */
final class References {

    private References() {
    }

    static List<Reference> of(ConfigObject object) {
        List<Reference> found = new ArrayList<>();
        collect(object.type().properties(), object.body(), found);
        return found;
    }

    private static void collect(List<Property> properties, Body body, List<Reference> found) {
        for (Property property : properties) {
            Optional<Value> value = body.get(property.name());
            if (value.isEmpty()) {
                continue;
            }
            Shape shape = property.shape();
            if (shape instanceof Shape.Scalar scalar) {
                found.addAll(scalar.type().references(((Value.Text) value.get()).text()));
            } else if (shape instanceof Shape.Block block) {
                collect(block.properties(), ((Value.Block) value.get()).body(), found);
            } else if (shape instanceof Shape.Collection collection) {
                for (Item item : ((Value.Items) value.get()).items()) {
                    itemReference(collection.naming(), item.name()).ifPresent(found::add);
                    collect(collection.itemProperties(), item.body(), found);
                }
            }
        }
    }

    private static Optional<Reference> itemReference(ItemNaming naming, String name) {
        if (naming instanceof ItemNaming.Ref ref) {
            return Optional.of(new Reference(ref.family(), name));
        }
        if (naming instanceof ItemNaming.Member) {
            return Optional.of(new Reference(Family.NODE, Addresses.memberNode(name)));
        }
        if (naming instanceof ItemNaming.AddressName) {
            return Optional.of(new Reference(Family.SNAT_TRANSLATION, name));
        }
        return Optional.empty();
    }

}
