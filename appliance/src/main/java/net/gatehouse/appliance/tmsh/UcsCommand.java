package net.gatehouse.appliance.tmsh;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.syntax.Token;
import net.gatehouse.appliance.ucs.UcsArchives;
import net.gatehouse.appliance.ucs.UcsError;
import net.gatehouse.appliance.ucs.UcsInfo;

/**
 * {@code save sys ucs NAME [passphrase P]}, {@code load sys ucs NAME [passphrase P] [no-license] ...},
 * {@code list sys ucs [NAME]} and {@code delete sys ucs NAME}. The load options that concern what this
 * appliance does not have (licences, platforms, chassis, device trust, the management address) are
 * accepted and have no effect.
 */
final class UcsCommand {

    private static final Set<String> VERBS = Set.of("save", "load", "list", "delete");
    private static final Set<String> LOAD_FLAGS = Set.of("no-license", "no-platform-check",
            "include-chassis-level-config", "reset-trust", "keep-current-management-ip", "platform-migrate");

    private final UcsArchives ucs;
    private final Principal principal;

    UcsCommand(UcsArchives ucs, Principal principal) {
        this.ucs = ucs;
        this.principal = principal;
    }

    static boolean handles(List<Token> words) {
        return words.size() >= 3 && VERBS.contains(words.get(0).text()) && words.get(1).is("sys")
                && words.get(2).is("ucs");
    }

    String run(List<Token> words) throws TmshError {
        String verb = words.get(0).text();
        try {
            if (verb.equals("list")) {
                return list(words);
            }
            if (words.size() < 4) {
                throw new TmshError("Syntax Error: \"" + verb + " sys ucs\" requires a file name");
            }
            String name = words.get(3).text();
            Optional<char[]> passphrase = Optional.empty();
            for (int i = 4; i < words.size(); i++) {
                Token word = words.get(i);
                if (word.is("passphrase") && i + 1 < words.size() && !verb.equals("delete")) {
                    passphrase = Optional.of(words.get(++i).text().toCharArray());
                } else if (verb.equals("load") && LOAD_FLAGS.contains(word.text())) {
                    continue;
                } else {
                    throw new TmshError("Syntax Error: \"" + word.text() + "\" unexpected argument");
                }
            }
            return switch (verb) {
                case "save" -> "Saving active configuration...\n" + ucs.save(principal, name, passphrase) + " is saved.\n";
                case "delete" -> ucs.delete(principal, name) + " is deleted.\n";
                default -> load(name, passphrase);
            };
        } catch (UcsError e) {
            throw new TmshError(e.getMessage());
        }
    }

    private String load(String name, Optional<char[]> passphrase) throws UcsError {
        UcsArchives.LoadResult result = ucs.load(principal, name, passphrase);
        StringBuilder out = new StringBuilder("Loading UCS file " + result.archive() + "...\n");
        result.warnings().forEach(warning -> out.append("Warning: ").append(warning).append('\n'));
        out.append(result.archive()).append(" is loaded.\n");
        return out.toString();
    }

    private String list(List<Token> words) throws TmshError, UcsError {
        if (words.size() > 4) {
            throw new TmshError("Syntax Error: \"" + words.get(4).text() + "\" unexpected argument");
        }
        Optional<String> only = words.size() == 4 ? Optional.of(ucs.display(ucs.resolve(words.get(3).text())))
                : Optional.empty();
        StringBuilder out = new StringBuilder();
        for (UcsInfo info : ucs.list()) {
            if (only.isPresent() && !only.get().equals(info.filename())) {
                continue;
            }
            out.append("sys ucs ").append(info.filename()).append(" {\n");
            info.rawValues().forEach((key, value) -> out.append("    ").append(key.replace('_', '-')).append(' ')
                    .append(value.isEmpty() || value.contains(" ") ? "\"" + value + "\"" : value).append('\n'));
            out.append("}\n");
        }
        if (only.isPresent() && out.isEmpty()) {
            throw new TmshError("The UCS file (" + only.get() + ") was not found.");
        }
        return out.toString();
    }
}
