package net.gatehouse.appliance.persist.irule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.persist.PersistContext;

/**
 * A word of literal text and recognised command substitutions, such as
 * {@code "https://[HTTP::host][HTTP::uri]"}: each substitution is one of the {@link KeyExpression}
 * commands and gives the empty string when its input is absent, as in Tcl. A braced word is
 * literal (Tcl substitutes nothing in it).
 */
record Template(List<Part> parts) {

    Template {
        parts = List.copyOf(parts);
    }

    sealed interface Part {
    }

    record Literal(String text) implements Part {
    }

    record Substitution(KeyExpression expression) implements Part {
    }

    /**
     * The template of a word; empty when the word uses anything outside the subset (a variable
     * {@code $name}, a backslash escape, an unrecognised command).
     */
    static Optional<Template> of(TclWords.Word word) {
        String text = word.text();
        if (word.form() == TclWords.Form.BRACED) {
            return Optional.of(new Template(List.of(new Literal(text))));
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '$' || c == '\\') {
                return Optional.empty();
            }
            if (c != '[') {
                literal.append(c);
                at++;
                continue;
            }
            int close;
            try {
                close = TclWords.closing(text, at);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            Optional<KeyExpression> expression = PersistRule.expression(
                    new TclWords.Word(text.substring(at, close + 1), TclWords.Form.BARE));
            if (expression.isEmpty()) {
                return Optional.empty();
            }
            if (!literal.isEmpty()) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(new Substitution(expression.get()));
            at = close + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return Optional.of(new Template(parts));
    }

    String evaluate(PersistContext context) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Substitution substitution) {
                out.append(substitution.expression().evaluate(context).orElse(""));
            }
        }
        return out.toString();
    }
}
