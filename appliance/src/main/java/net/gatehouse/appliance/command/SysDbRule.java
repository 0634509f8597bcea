package net.gatehouse.appliance.command;

import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;

/** A db variable takes only values in its {@code value-range}: a word list or {@code integer min:N max:M}. */
final class SysDbRule implements ComponentRule {

    @Override
    public void validate(ConfigObject variable, Snapshot candidate) throws ConfigError {
        Optional<String> range = variable.body().text("value-range").filter(r -> !r.isBlank());
        String value = variable.body().text("value").orElse("");
        if (range.isEmpty()) {
            return;
        }
        List<String> words = List.of(range.get().split("\\s+"));
        boolean valid;
        if (words.get(0).equals("integer")) {
            valid = inIntegerRange(value, words);
        } else {
            valid = words.contains(value);
        }
        if (!valid) {
            throw new ConfigError("01070734", "Configuration error: The value (" + value + ") for db variable ("
                    + variable.fullPath() + ") is invalid; the range is: " + range.get() + ".");
        }
    }

    private static boolean inIntegerRange(String value, List<String> words) {
        try {
            long number = Long.parseLong(value);
            for (String word : words.subList(1, words.size())) {
                long bound = Long.parseLong(word.substring(word.indexOf(':') + 1));
                if (word.startsWith("min:") && number < bound || word.startsWith("max:") && number > bound) {
                    return false;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
