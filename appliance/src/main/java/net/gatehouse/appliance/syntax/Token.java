package net.gatehouse.appliance.syntax;

/** A word of tmsh or bigip.conf text; a quoted word is never a brace or a keyword. */
public record Token(String text, boolean quoted, int line) {

    public boolean is(String word) {
        return !quoted && text.equals(word);
    }

    public boolean isOpen() {
        return is("{");
    }

    public boolean isClose() {
        return is("}");
    }
}
