package net.gatehouse.mgmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code util/bash} accepts: {@code -c 'tmsh -c "cmd; cmd"'} or {@code -c "tmsh cmd args"},
 * read with the shell's quoting rules (single quotes, double quotes with backslash escapes), and
 * nothing else. The result is the tmsh line to run in Gatehouse's own tmsh; there is no system shell
 * behind it, so anything but one tmsh invocation (pipes, {@code ;} or {@code &&} outside tmsh's
 * quotes, redirections, substitutions, another program) is refused.
 */
final class BashCommand {

    private static final String METACHARACTERS = ";|&<>`$(){}*?!#~";

    private BashCommand() {
    }

    /** The tmsh line {@code utilCmdArgs} asks for, or empty when it is not one tmsh invocation. */
    static Optional<String> tmshLine(String utilCmdArgs) {
        Optional<List<String>> outer = words(utilCmdArgs);
        if (outer.isEmpty() || outer.get().size() != 2 || !outer.get().get(0).equals("-c")) {
            return Optional.empty();
        }
        Optional<List<String>> inner = words(outer.get().get(1));
        if (inner.isEmpty() || inner.get().isEmpty() || !inner.get().get(0).equals("tmsh")) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>(inner.get().subList(1, inner.get().size()));
        args.remove("-q");
        if (!args.isEmpty() && args.get(0).equals("-c")) {
            return args.size() == 2 ? Optional.of(args.get(1)) : Optional.empty();
        }
        if (args.isEmpty() || args.stream().anyMatch(a -> a.startsWith("-"))) {
            return Optional.empty();
        }
        return Optional.of(String.join(" ", args.stream().map(BashCommand::requote).toList()));
    }

    /** Splits a command line into words as a POSIX shell would; empty if it uses anything but quoting. */
    static Optional<List<String>> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    return Optional.empty();
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < line.length()) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        break;
                    }
                    if (d == '$' || d == '`') {
                        return Optional.empty();
                    }
                    if (d == '\\' && i + 1 < line.length() && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                        word.append(line.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
                inWord = true;
                i++;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (METACHARACTERS.indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return Optional.of(words);
    }

    /** A word given to tmsh as its own argument keeps its spaces when the line is read again. */
    private static String requote(String word) {
        return word.isEmpty() || word.chars().anyMatch(Character::isWhitespace) ? "\"" + word + "\"" : word;
    }
}
