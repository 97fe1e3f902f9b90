package org.civicregistry.commons.text;

/**
 * What "blank" means for this API's text: nothing but white space, where white space is the union of
 * Java's and ECMA-262's. The OpenAPI documents derive {@code pattern: \S} from {@code @NotBlank}, and
 * clients (and the contract tests) check it with ECMA-262's {@code \s}, which also counts the no-break
 * spaces and U+FEFF; {@link String#isBlank()} does not. A value blank in either sense is refused, so
 * nothing the server accepts breaks its own document.
 */
public final class Blank {

    private Blank() {
    }

    public static boolean isBlank(CharSequence text) {
        return text == null || text.codePoints().allMatch(Blank::isSpace);
    }

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }
}
