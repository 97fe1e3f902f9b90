package org.civicregistry.commons.text;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Drops an {@code Accept-Language} that names no language range ({@code ","}, {@code ";q=1"}), as
 * RFC 9110 lets a server ignore a header it cannot use. Left in place, {@code ","} makes Quarkus'
 * validation locale resolver fail (it filters by an empty range list), and {@code "-"} makes the JDK's
 * parser itself throw; either turned a 400 into a 500.
 */
@ApplicationScoped
public class AcceptLanguageGuard {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String value = ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE);
            if (value != null && !namesALanguage(value)) {
                ctx.request().headers().remove(HttpHeaders.ACCEPT_LANGUAGE);
            }
            ctx.next();
        });
    }

    static boolean namesALanguage(String value) {
        try {
            return !Locale.LanguageRange.parse(value).isEmpty();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // the JDK's parser throws the latter for a range such as "-"
            return false;
        }
    }
}
