package net.gatehouse.appliance.tmsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.syntax.Token;

/**
 * {@code list ltm pool web members} or {@code list ltm virtual vs pool destination}: property names
 * after the object names narrow each stanza to those properties, shown whether or not they hold their
 * default, as BIG-IP shows them.
 */
final class ListedProperties {

    private final List<Token> objectWords;
    private final Set<String> names;

    private ListedProperties(List<Token> objectWords, Set<String> names) {
        this.objectWords = objectWords;
        this.names = names;
    }

    /** Splits the words after {@code list} into the component and object names, and the property names. */
    static ListedProperties of(Optional<ComponentType> type, List<Token> words) {
        if (type.isEmpty()) {
            return new ListedProperties(words, Set.of());
        }
        int first = type.get().path().split(" ").length;
        int end = words.size();
        while (end > first && !words.get(end - 1).quoted() && type.get().property(words.get(end - 1).text()).isPresent()) {
            end--;
        }
        Set<String> names = new TreeSet<>();
        words.subList(end, words.size()).forEach(word -> names.add(word.text()));
        return new ListedProperties(List.copyOf(words.subList(0, end)), names);
    }

    List<Token> objectWords() {
        return objectWords;
    }

    boolean narrows() {
        return !names.isEmpty();
    }

    /** The stanza with only the named top-level properties (and what is nested in them). */
    String narrow(String stanza) {
        String[] lines = stanza.split("\n");
        List<String> kept = new ArrayList<>();
        kept.add(lines[0]);
        boolean keeping = false;
        for (int i = 1; i < lines.length - 1; i++) {
            String line = lines[i];
            if (line.startsWith("    ") && !line.startsWith("     ") && !line.equals("    }")) {
                String name = line.strip().split(" ")[0];
                keeping = names.contains(name);
            }
            if (keeping) {
                kept.add(line);
            }
        }
        if (lines.length > 1) {
            kept.add(lines[lines.length - 1]);
        }
        return String.join("\n", kept) + "\n";
    }
}
