package net.gatehouse.appliance.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.schema.InvalidValue;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.NameContext;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Shape;

/**
 * Reads a property list — the arguments of a tmsh {@code create}/{@code modify} or the body of a
 * bigip.conf stanza — into edits, guided by the schema. The two syntaxes are one grammar: tmsh
 * adds the collection operators ({@code add}, {@code delete}, {@code modify},
 * {@code replace-all-with}).
 */
public final class BodyParser {

    private final List<Token> tokens;
    private final NameContext names;
    private final String objectLabel;
    private int position;

    /**
     * @param tokens      the words to read
     * @param start       where the property list starts
     * @param names       resolves the names the text uses
     * @param objectLabel what error messages call the object ({@code ltm pool /Common/web})
     */
    public BodyParser(List<Token> tokens, int start, NameContext names, String objectLabel) {
        this.tokens = tokens;
        this.position = start;
        this.names = names;
        this.objectLabel = objectLabel;
    }

    public int position() {
        return position;
    }

    /** Reads properties until the end of the words or a closing brace (not consumed). */
    public List<Edit> properties(List<Property> schema) throws SyntaxError {
        List<Edit> edits = new ArrayList<>();
        while (position < tokens.size() && !tokens.get(position).isClose() && !tokens.get(position).is(";")) {
            edits.add(property(schema));
        }
        return edits;
    }

    /** Reads a braced property list: {@code { ... }}. */
    public List<Edit> bracedProperties(List<Property> schema) throws SyntaxError {
        expectOpen("a property list");
        List<Edit> edits = properties(schema);
        expectClose();
        return edits;
    }

    private Edit property(List<Property> schema) throws SyntaxError {
        Token word = tokens.get(position);
        if (word.isOpen()) {
            throw error("unexpected '{'", word);
        }
        Optional<Property> named = find(schema, word.text());
        if (named.isEmpty() || word.quoted()) {
            Optional<Property> flag = flagWith(schema, word.text());
            if (flag.isPresent() && !word.quoted()) {
                position++;
                return new Edit.SetText(flag.get().name(), word.text());
            }
            throw error("\"" + word.text() + "\" unknown property", word);
        }
        Property property = named.get();
        position++;
        Shape shape = property.shape();
        if (shape instanceof Shape.Scalar scalar) {
            return new Edit.SetText(property.name(), scalarValue(property, scalar));
        }
        if (shape instanceof Shape.Flag) {
            throw error("\"" + word.text() + "\" is a flag; use one of its words", word);
        }
        if (shape instanceof Shape.Block block) {
            if (atWord("none")) {
                position++;
                return new Edit.SetBlock(property.name(), List.of(), true);
            }
            return new Edit.SetBlock(property.name(), bracedProperties(block.properties()), false);
        }
        return collection(property, (Shape.Collection) shape);
    }

    private String scalarValue(Property property, Shape.Scalar scalar) throws SyntaxError {
        Token first = current("a value for " + property.name());
        int span = first.quoted() ? 1 : scalar.type().span(words(), position);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < span; i++) {
            parts.add(tokens.get(position + i).text());
        }
        String raw = String.join(" ", parts);
        try {
            String canonical = scalar.type().canonical(raw, names);
            position += span;
            return canonical;
        } catch (InvalidValue e) {
            throw error(property.name() + " value \"" + raw + "\" " + e.getMessage(), first);
        }
    }

    private Edit collection(Property property, Shape.Collection shape) throws SyntaxError {
        Token word = current("a value for " + property.name());
        if (word.is("none")) {
            position++;
            return new Edit.Collection(property.name(), Edit.Operation.REPLACE, List.of());
        }
        Edit.Operation operation = Edit.Operation.REPLACE;
        if (word.is("add") || word.is("delete") || word.is("modify") || word.is("replace-all-with")) {
            operation = switch (word.text()) {
                case "add" -> Edit.Operation.ADD;
                case "delete" -> Edit.Operation.DELETE;
                case "modify" -> Edit.Operation.MODIFY;
                default -> Edit.Operation.REPLACE;
            };
            position++;
        }
        expectOpen(property.name());
        List<Edit.ItemEdit> items = new ArrayList<>();
        while (!current("'}' closing " + property.name()).isClose()) {
            Token nameToken = tokens.get(position++);
            if (nameToken.isOpen()) {
                throw error("unexpected '{' in " + property.name(), nameToken);
            }
            boolean everyItem = nameToken.is("all") && !nameToken.quoted()
                    && (operation == Edit.Operation.MODIFY || operation == Edit.Operation.DELETE);
            String name = everyItem ? "" : itemName(property, shape.naming(), nameToken);
            List<Edit> itemEdits = List.of();
            if (position < tokens.size() && tokens.get(position).isOpen()) {
                itemEdits = bracedProperties(shape.itemProperties());
            }
            items.add(everyItem ? Edit.ItemEdit.everyItem(itemEdits) : new Edit.ItemEdit(name, itemEdits));
        }
        position++;
        return new Edit.Collection(property.name(), operation, items);
    }

    private String itemName(Property property, ItemNaming naming, Token token) throws SyntaxError {
        try {
            return ItemNames.canonical(naming, token.text(), names);
        } catch (InvalidValue e) {
            throw error(property.name() + " item \"" + token.text() + "\" " + e.getMessage(), token);
        }
    }

    private List<String> words() {
        List<String> words = new ArrayList<>(tokens.size());
        for (Token token : tokens) {
            words.add(token.quoted() ? "\u0000" + token.text() : token.text());
        }
        return words;
    }

    private boolean atWord(String word) {
        return position < tokens.size() && tokens.get(position).is(word);
    }

    private Token current(String expected) throws SyntaxError {
        if (position >= tokens.size()) {
            int line = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).line();
            throw new SyntaxError(objectLabel + ": expected " + expected + " but the text ended", line);
        }
        return tokens.get(position);
    }

    private void expectOpen(String what) throws SyntaxError {
        Token token = current("'{' for " + what);
        if (!token.isOpen()) {
            throw error("expected '{' for " + what + " but found \"" + token.text() + "\"", token);
        }
        position++;
    }

    private void expectClose() throws SyntaxError {
        Token token = current("'}'");
        if (!token.isClose()) {
            throw error("expected '}' but found \"" + token.text() + "\"", token);
        }
        position++;
    }

    private SyntaxError error(String message, Token at) {
        return new SyntaxError(objectLabel + ": " + message, at.line());
    }

    private static Optional<Property> find(List<Property> schema, String name) {
        return schema.stream().filter(p -> p.name().equals(name) && !(p.shape() instanceof Shape.Flag)).findFirst();
    }

    private static Optional<Property> flagWith(List<Property> schema, String word) {
        return schema.stream()
                .filter(p -> p.shape() instanceof Shape.Flag flag && flag.words().contains(word))
                .findFirst();
    }
}
