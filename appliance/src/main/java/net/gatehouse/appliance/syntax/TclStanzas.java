package net.gatehouse.appliance.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stanzas whose body is Tcl rather than properties: {@code ltm rule} (kept verbatim), and the Tcl
 * stanzas of modules Gatehouse skips ({@code gtm rule}, {@code sys application template},
 * {@code sys icall script}, {@code cli script}). Tcl may hold quotes and {@code #} that the property
 * lexer would misread, so these stanzas are cut out of the text before it is lexed: the body runs to
 * the brace that balances the stanza's opening one (a backslash escapes the next character), as
 * BIG-IP reads it. The text left behind keeps its line numbers.
 */
public final class TclStanzas {

    /** The headers of Tcl stanzas, at the start of a line: type words, then the object name. */
    private static final Pattern HEADER = Pattern.compile(
            "(?m)^(ltm rule|gtm rule|sys application template|sys icall script|cli script)[ \\t]+"
                    + "(\"[^\"\\n]*\"|[^\\s{}]+)[ \\t]*\\{");

    /** One Tcl stanza: its type words, its name as written, its body (between the braces) and its line. */
    record Stanza(String type, String name, String body, int line) {
    }

    /** The text with the Tcl stanzas blanked (newlines kept), and the stanzas. */
    record Split(String rest, List<Stanza> stanzas) {
    }

    private TclStanzas() {
    }

    static Split split(String text) throws SyntaxError {
        List<Stanza> stanzas = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        Matcher header = HEADER.matcher(text);
        int copied = 0;
        int line = 1;
        while (header.find(copied)) {
            line += newlines(text, copied, header.start());
            int close = closingBrace(text, header.end() - 1, line);
            String name = header.group(2);
            if (name.startsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            stanzas.add(new Stanza(header.group(1), name, text.substring(header.end(), close), line));
            rest.append(text, copied, header.start());
            rest.append(text.substring(header.start(), close + 1).replaceAll("[^\\n]", ""));
            line += newlines(text, header.start(), close + 1);
            copied = close + 1;
        }
        rest.append(text.substring(copied));
        return new Split(rest.toString(), stanzas);
    }

    /** The index of the brace that balances the one at {@code open}. */
    public static int closingBrace(String text, int open, int line) throws SyntaxError {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new SyntaxError("unbalanced braces", line);
    }

    private static int newlines(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
