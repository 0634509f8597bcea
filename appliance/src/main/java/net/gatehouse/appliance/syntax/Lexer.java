package net.gatehouse.appliance.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits tmsh and bigip.conf text into words. Braces are words of their own; double quotes group
 * a string (which may span lines) in which {@code \"} stands for a quote and other backslash
 * sequences such as {@code \r\n} are kept as written, as BIG-IP keeps them; {@code #} starts a
 * comment at the start of a word; {@code ;} separates commands and is returned as a word. In a bare
 * word, {@code \*} and {@code \?} stand for the glob characters themselves, as in an escaped name
 * BIG-IP writes ({@code /Common/\*.example.com}).
 */
public final class Lexer {

    /** Glob characters a bare name escapes with a backslash ({@code \*.example.com}). */
    private static final String GLOB = "*?";

    private Lexer() {
    }

    public static List<Token> tokens(String text) throws SyntaxError {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '{' || c == '}' || c == ';') {
                tokens.add(new Token(String.valueOf(c), false, line));
                i++;
            } else if (c == '"') {
                int start = line;
                StringBuilder word = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new SyntaxError("unterminated quoted string", start);
                    }
                    char q = text.charAt(i);
                    if (q == '\\' && i + 1 < n) {
                        char next = text.charAt(i + 1);
                        if (next == '"') {
                            word.append('"');
                        } else {
                            word.append(q).append(next);
                        }
                        if (next == '\n') {
                            line++;
                        }
                        i += 2;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        if (q == '\n') {
                            line++;
                        }
                        word.append(q);
                        i++;
                    }
                }
                tokens.add(new Token(word.toString(), true, start));
            } else {
                StringBuilder word = new StringBuilder();
                while (i < n) {
                    char w = text.charAt(i);
                    if (Character.isWhitespace(w) || w == '{' || w == '}' || w == ';' || w == '"') {
                        break;
                    }
                    if (w == '\\' && i + 1 < n && GLOB.indexOf(text.charAt(i + 1)) >= 0) {
                        w = text.charAt(++i);
                    }
                    word.append(w);
                    i++;
                }
                tokens.add(new Token(word.toString(), false, line));
            }
        }
        return tokens;
    }

    /**
     * Writes an object or item name as BIG-IP does: like {@link #quote}, with the glob characters
     * {@code *} and {@code ?} escaped ({@code sys file ssl-cert /Common/\*.example.com}).
     */
    public static String name(String name) {
        String quoted = quote(name, false);
        if (quoted.startsWith("\"")) {
            return quoted;
        }
        StringBuilder out = new StringBuilder();
        for (char c : quoted.toCharArray()) {
            if (GLOB.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Writes a value as tmsh and bigip.conf expect it: bare when it can be, quoted otherwise. */
    public static String quote(String text, boolean always) {
        boolean needs = always || text.isEmpty();
        for (int i = 0; i < text.length() && !needs; i++) {
            char c = text.charAt(i);
            needs = Character.isWhitespace(c) || c == '{' || c == '}' || c == '"' || c == ';' || c == '#';
        }
        return needs ? "\"" + text.replace("\"", "\\\"") + "\"" : text;
    }
}
