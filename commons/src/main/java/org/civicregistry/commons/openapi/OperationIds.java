package org.civicregistry.commons.openapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Gives every operation without an {@code operationId} one derived from its path and method, so
 * generated clients get readable method names that stay the same as long as the route does:
 * <ul>
 * <li>the name is the path's fixed segments after {@code /api/v1}, each in the singular when an
 * id follows it, camel-cased, a file extension dropped: {@code /people/{id}/history}:
 * {@code PersonHistory}, {@code /events/calendar.ics}: {@code EventsCalendar};
 * <li>the verb is the method's: on a path ending in a parameter {@code get}, {@code replace} (PUT),
 * {@code patch}, {@code delete} ({@code archive} for a record of {@code RecordResource}, which
 * is never deleted); on a collection (a plural) {@code list} (GET) and {@code create}
 * (POST, the name in the singular); on anything else {@code get}, and POST takes the segment
 * as its verb ({@code /people/{id}/restore}: {@code restorePerson}).
 * </ul>
 * {@code getPerson}, {@code listPersonMemberships}, {@code createAgreementItem}. An operation that
 * names itself ({@code @Operation(operationId = ...)}) keeps
 * its name; the ids must stay unique, so a derived one that another operation already has fails
 * the document's build.
 */
final class OperationIds {

    private OperationIds() {
    }

    /** @param records the paths of the collections whose DELETE archives (those of {@code RecordResource}) */
    static void derive(OpenAPI openAPI, Set<String> records) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, String> taken = new HashMap<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (operation.getOperationId() == null && !path.startsWith("/q/")) {
                String id = of(path, method);
                operation.setOperationId(method == PathItem.HttpMethod.DELETE && records.contains(path.replaceFirst("/\\{id}$", ""))
                        ? id.replaceFirst("^delete", "archive") : id);
            }
            if (operation.getOperationId() != null) {
                String other = taken.putIfAbsent(operation.getOperationId(), method + " " + path);
                if (other != null) {
                    throw new IllegalStateException("operationId " + operation.getOperationId() + " of " + method + " " + path
                            + " is already " + other + "'s: name one of them with @Operation(operationId = ...)");
                }
            }
        }));
    }

    /** The operationId of {@code method} on {@code path}. */
    static String of(String path, PathItem.HttpMethod method) {
        List<String> segments = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
        if (segments.size() >= 2 && segments.get(0).equals("api") && segments.get(1).matches("v\\d+")) {
            segments = segments.subList(2, segments.size());
        }
        boolean endsInParameter = !segments.isEmpty() && parameter(segments.get(segments.size() - 1));
        List<String> words = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (!parameter(segment)) {
                boolean identified = i + 1 < segments.size() && parameter(segments.get(i + 1));
                words.add(identified ? ApiConventions.singular(segment) : segment);
            }
        }
        if (words.isEmpty()) {
            throw new IllegalStateException("No name to derive an operationId from in " + path);
        }
        String last = withoutExtension(words.get(words.size() - 1));
        boolean collection = !ApiConventions.singular(last).equals(last.replace('-', ' '));
        String verb;
        if (endsInParameter) {
            verb = switch (method) {
                case PUT -> "replace";
                case PATCH -> "patch";
                case DELETE -> "delete";
                default -> method.name().toLowerCase(Locale.ROOT);
            };
        } else if (method == PathItem.HttpMethod.POST) {
            if (collection) {
                verb = "create";
                words.set(words.size() - 1, ApiConventions.singular(last));
            } else {
                verb = last;
                words.remove(words.size() - 1);
            }
        } else if (method == PathItem.HttpMethod.GET) {
            verb = collection ? "list" : "get";
        } else {
            verb = method.name().toLowerCase(Locale.ROOT);
        }
        StringBuilder id = new StringBuilder(camel(verb, false));
        words.forEach(word -> id.append(camel(withoutExtension(word), true)));
        return id.toString();
    }

    private static boolean parameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String withoutExtension(String segment) {
        int dot = segment.indexOf('.');
        return dot < 0 ? segment : segment.substring(0, dot);
    }

    /** {@code api keys} or {@code api-keys}: {@code ApiKeys} (or {@code apiKeys}). */
    private static String camel(String words, boolean capitalizeFirst) {
        StringBuilder out = new StringBuilder();
        boolean upper = capitalizeFirst;
        for (char c : words.toCharArray()) {
            if (c == '-' || c == ' ' || c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
