package org.civicregistry.commons.text;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;

import org.civicregistry.commons.problem.ProblemException;

/**
 * Which single language a client asked for: {@code lang=} wins over {@code Accept-Language};
 * neither gives the default view, every language in full.
 */
public final class Languages {

    private Languages() {
    }

    /** @return a language tag, or null for the full multilingual view */
    public static String requested(String lang, HttpHeaders headers) {
        if (lang != null && !lang.isBlank()) {
            String tag = lang.strip().toLowerCase(Locale.ROOT);
            if (!tag.matches("[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}")) {
                throw ProblemException.badParameter("lang", "must be a language tag such as ko or en");
            }
            return tag;
        }
        if (headers == null) {
            return null;
        }
        return firstLanguage(headers.getAcceptableLanguages());
    }

    /**
     * The language an answer outside the data (a problem's title) is given in: a valid {@code lang}
     * parameter, else the first language of {@code Accept-Language} by weight; null for none, or for
     * a header that does not parse (never an error of its own: the answer is an error already).
     */
    public static String preferred(String lang, String acceptLanguage) {
        if (lang != null && lang.strip().toLowerCase(Locale.ROOT).matches("[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}")) {
            return lang.strip().toLowerCase(Locale.ROOT);
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return null;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String language = range.getRange().split("-")[0];
                if (range.getWeight() > 0 && language.matches("[a-z]{2,3}")) {
                    return language;
                }
            }
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        return null;
    }

    /**
     * The first real language of an Accept-Language list, by preference. Entries that are no
     * language ({@code *}, or words such as {@code null} that Locale takes as they come) are skipped,
     * so they give the full view rather than a view in a language that does not exist.
     */
    public static String firstLanguage(List<Locale> accepted) {
        for (Locale locale : accepted) {
            String language = locale.getLanguage();
            if (language.matches("[a-z]{2,3}")) {
                return language;
            }
        }
        return null;
    }
}
