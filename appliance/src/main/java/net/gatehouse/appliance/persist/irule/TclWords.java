package net.gatehouse.appliance.persist.irule;

import java.util.ArrayList;
import java.util.List;
import net.gatehouse.appliance.syntax.SyntaxError;
import net.gatehouse.appliance.syntax.TclStanzas;

/**
 * Splits Tcl script text into commands and words, as Tcl's parser does (the dodekalogue's rules
 * for words, braces, quotes, command substitution, backslashes and comments), without evaluating
 * anything. A word keeps its source text: a braced word without its braces, a quoted word without
 * its quotes, a bare word as written (so {@code [HTTP::uri]} stays a command substitution the
 * caller can parse again with {@link #commands}).
 */
public final class TclWords {

    private final String text;
    private int at;

    private TclWords(String text) {
        this.text = text;
    }

    /** A word as written: its text and how it was delimited. */
    public record Word(String text, Form form) {

        /** Whether this word is exactly one command substitution ({@code [ ... ]}). */
        public boolean isSubstitution() {
            return form == Form.BARE && text.startsWith("[") && closing(text, 0) == text.length() - 1;
        }

        /** The script inside a command substitution word. */
        public String substitution() {
            return text.substring(1, text.length() - 1);
        }
    }

    public enum Form { BARE, BRACED, QUOTED }

    /**
     * The commands of a script, each a list of words; blank lines and comments are left out.
     *
     * @throws IllegalArgumentException when braces, brackets or quotes do not balance
     */
    public static List<List<Word>> commands(String script) {
        return new TclWords(script).script();
    }

    private List<List<Word>> script() {
        List<List<Word>> commands = new ArrayList<>();
        while (at < text.length()) {
            skipCommandSeparators();
            if (at >= text.length()) {
                break;
            }
            if (text.charAt(at) == '#') {
                skipComment();
                continue;
            }
            List<Word> words = command();
            if (!words.isEmpty()) {
                commands.add(words);
            }
        }
        return commands;
    }

    private List<Word> command() {
        List<Word> words = new ArrayList<>();
        while (at < text.length()) {
            skipBlanks();
            if (at >= text.length() || text.charAt(at) == '\n' || text.charAt(at) == ';') {
                break;
            }
            words.add(word());
        }
        return words;
    }

    private Word word() {
        char first = text.charAt(at);
        if (first == '{') {
            int close = closingBrace(at);
            String inner = text.substring(at + 1, close);
            at = close + 1;
            requireEndOfWord();
            return new Word(inner, Form.BRACED);
        }
        if (first == '"') {
            int start = ++at;
            while (at < text.length() && text.charAt(at) != '"') {
                at = text.charAt(at) == '[' ? closing(text, at) + 1 : text.charAt(at) == '\\' ? at + 2 : at + 1;
            }
            if (at >= text.length()) {
                throw new IllegalArgumentException("missing \"");
            }
            String inner = text.substring(start, at++);
            requireEndOfWord();
            return new Word(inner, Form.QUOTED);
        }
        int start = at;
        while (at < text.length() && !isBlank(text.charAt(at)) && text.charAt(at) != '\n' && text.charAt(at) != ';') {
            at = text.charAt(at) == '[' ? closing(text, at) + 1 : text.charAt(at) == '\\' ? at + 2 : at + 1;
        }
        at = Math.min(at, text.length());
        return new Word(text.substring(start, at), Form.BARE);
    }

    private void requireEndOfWord() {
        if (at < text.length() && !isBlank(text.charAt(at)) && text.charAt(at) != '\n' && text.charAt(at) != ';') {
            throw new IllegalArgumentException("extra characters after close-brace or close-quote");
        }
    }

    /** The index of the {@code ]} closing the {@code [} at {@code open}, skipping nested words. */
    static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{' && i > open && isWordStart(text, i)) {
                i = new TclWords(text).closingBrace(i);
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("missing close-bracket");
    }

    private static boolean isWordStart(String text, int i) {
        char before = text.charAt(i - 1);
        return isBlank(before) || before == '[' || before == '\n';
    }

    private int closingBrace(int open) {
        try {
            return TclStanzas.closingBrace(text, open, 0);
        } catch (SyntaxError e) {
            throw new IllegalArgumentException("missing close-brace", e);
        }
    }

    private void skipCommandSeparators() {
        while (at < text.length() && (Character.isWhitespace(text.charAt(at)) || text.charAt(at) == ';')) {
            at++;
        }
    }

    private void skipBlanks() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (isBlank(c)) {
                at++;
            } else if (c == '\\' && at + 1 < text.length() && text.charAt(at + 1) == '\n') {
                at += 2;
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        while (at < text.length() && text.charAt(at) != '\n') {
            at += text.charAt(at) == '\\' ? 2 : 1;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
