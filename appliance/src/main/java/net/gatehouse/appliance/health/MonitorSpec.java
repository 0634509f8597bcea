package net.gatehouse.appliance.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Effective;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Secrets;
import net.gatehouse.appliance.config.Value;

/**
 * One monitor as the engine runs it, compiled from its configuration with everything inherited
 * through {@code defaults-from}. Two specs are equal when the monitor would probe the same way, so
 * an unchanged monitor keeps its running instances across commits.
 *
 * @param type the monitor type: {@code http}, {@code tcp-half-open}, ...
 * @param send the send string with {@code \r}, {@code \n} and {@code \t} escapes turned into characters; empty for none
 * @param properties every other property in effect, as text
 */
public record MonitorSpec(String fullPath, String type, MonitorTiming timing, String send, Optional<String> recv,
        Optional<String> recvDisable, Map<String, String> properties, Map<String, String> userDefined) {

    private static final String PASSWORD = "password";

    public MonitorSpec {
        properties = Map.copyOf(properties);
        userDefined = Map.copyOf(userDefined);
    }

    /** The spec of {@code monitor}; its {@code password} is held in clear, read from {@code secrets}. */
    public static MonitorSpec compile(ConfigObject monitor, Effective effective, Secrets secrets) {
        Body body = effective.body(monitor);
        String type = monitor.type().path().substring("ltm monitor ".length());
        Map<String, String> properties = new LinkedHashMap<>();
        body.values().forEach((name, value) -> {
            if (value instanceof Value.Text text) {
                properties.put(name, text.text());
            }
        });
        properties.computeIfPresent(PASSWORD, (name, stored) -> stored.equals("none") ? stored
                : secrets.clear(stored).orElse("none"));
        Map<String, String> userDefined = new LinkedHashMap<>();
        for (Item item : body.get("user-defined").map(v -> ((Value.Items) v).items()).orElse(List.of())) {
            userDefined.put(item.name(), item.body().text("value").orElse(""));
        }
        MonitorTiming timing = MonitorTiming.ofSeconds(number(properties, "interval", 5),
                number(properties, "timeout", 16), number(properties, "time-until-up", 0),
                number(properties, "up-interval", 0), "enabled".equals(properties.get("manual-resume")));
        return new MonitorSpec(monitor.fullPath(), type, timing, unescape(word(properties, "send")),
                Optional.of(word(properties, "recv")).filter(s -> !s.isEmpty()),
                Optional.of(word(properties, "recv-disable")).filter(s -> !s.isEmpty()), properties, userDefined);
    }

    /** A property's value, empty for {@code none} or when the type has no such property. */
    public String word(String property) {
        return word(properties, property);
    }

    public long number(String property, long otherwise) {
        return number(properties, property, otherwise);
    }

    /** The {@code destination} alias: {@code *:*} (the member's own), {@code *:8080}, {@code 10.0.0.9:80}. */
    public String destination() {
        String destination = word("destination");
        return destination.isEmpty() ? "*:*" : destination;
    }

    public Optional<Pattern> recvPattern() {
        return recv.map(MonitorSpec::pattern);
    }

    public Optional<Pattern> recvDisablePattern() {
        return recvDisable.map(MonitorSpec::pattern);
    }

    /** BIG-IP reads recv as a regular expression; one that does not compile is matched as plain text. */
    private static Pattern pattern(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            return Pattern.compile(Pattern.quote(text));
        }
    }

    private static String word(Map<String, String> properties, String property) {
        String value = properties.getOrDefault(property, "none");
        return value.equals("none") ? "" : value;
    }

    private static long number(Map<String, String> properties, String property, long otherwise) {
        String value = properties.get(property);
        return value == null ? otherwise : Long.parseLong(value);
    }

    /** {@code \r}, {@code \n}, {@code \t} and {@code \\} as BIG-IP's send strings write them. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                switch (next) {
                    case 'r' -> out.append('\r');
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case '\\' -> out.append('\\');
                    default -> out.append(c).append(next);
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
