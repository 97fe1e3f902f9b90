package org.civicregistry.commons.write;

/** A record view that can be reduced to one language ({@code lang=} / {@code Accept-Language}). */
public interface Localizable<V> {

    /** This view with every localized text in {@code language} only; itself when language is null. */
    V in(String language);
}
