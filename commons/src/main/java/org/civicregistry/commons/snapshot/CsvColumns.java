package org.civicregistry.commons.snapshot;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.civicregistry.commons.text.LocalizedText;

/**
 * The CSV columns of a record kind, from its view record: one column a field, in the view's order,
 * except text in several languages, which gets one column a first-class language ({@code name.ko},
 * {@code name.en}) so a spreadsheet shows it as text. Lists and objects (identifiers, sources,
 * contacts) are one column each, holding their JSON; other languages are in the NDJSON download.
 */
final class CsvColumns {

    private record Column(String header, String field, String language) {
    }

    private final List<Column> columns = new ArrayList<>();

    CsvColumns(Class<?> view) {
        if (!view.isRecord()) {
            throw new IllegalArgumentException(view + " is not a record");
        }
        for (RecordComponent component : view.getRecordComponents()) {
            String field = component.getName();
            if (component.getType() == LocalizedText.class) {
                LocalizedText.PRIMARY.forEach(language -> columns.add(new Column(field + "." + language, field, language)));
            } else {
                columns.add(new Column(field, field, null));
            }
        }
    }

    String[] headers() {
        return columns.stream().map(Column::header).toArray(String[]::new);
    }

    /** The row of one record as the API shows it (all languages). */
    String[] row(JsonNode record) {
        String[] row = new String[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Column column = columns.get(i);
            JsonNode value = record.path(column.field());
            if (column.language() != null) {
                value = value.path(column.language());
            }
            row[i] = value.isMissingNode() || value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
        }
        return row;
    }
}
