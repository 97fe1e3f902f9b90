package org.civicregistry.commons.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.civicregistry.commons.problem.ProblemException;

/** How a download is written: one JSON document per line, or CSV with a column per field. */
enum SnapshotFormat {
    NDJSON(Snapshots.NDJSON, Snapshots.NDJSON, "ndjson"),
    CSV(Snapshots.CSV, Snapshots.CSV + "; charset=utf-8; header=present", "csv");

    private static final CsvMapper CSV_MAPPER = new CsvMapper();

    final String mediaType;
    final String contentType;
    final String extension;

    SnapshotFormat(String mediaType, String contentType, String extension) {
        this.mediaType = mediaType;
        this.contentType = contentType;
        this.extension = extension;
    }

    /** {@code ?format=} first (a link in a browser cannot set Accept), else Accept; NDJSON by default. */
    static SnapshotFormat of(String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format) {
                case "ndjson" -> NDJSON;
                case "csv" -> CSV;
                default -> throw ProblemException.badParameter("format", "must be ndjson or csv");
            };
        }
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return NDJSON;
        }
        List<MediaType> acceptable;
        try {
            acceptable = headers.getAcceptableMediaTypes();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter(HttpHeaders.ACCEPT, "is not a list of media types");
        }
        for (MediaType accepted : acceptable) {
            for (SnapshotFormat candidate : values()) {
                if (accepted.isCompatible(MediaType.valueOf(candidate.mediaType))) {
                    return candidate;
                }
            }
        }
        return NDJSON;
    }

    /** Writes every row's snapshot (column 1, a JSON document); {@code view} names the CSV columns. */
    void write(ResultSet rows, Class<?> view, ObjectMapper mapper, OutputStream out) throws SQLException, IOException {
        if (this == NDJSON) {
            while (rows.next()) {
                out.write(rows.getString(1).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            return;
        }
        CsvColumns columns = new CsvColumns(view);
        CsvSchema schema = CsvSchema.builder().addColumns(List.of(columns.headers()), CsvSchema.ColumnType.STRING).build();
        // The header row by hand (its names need no quoting): Jackson writes its own only before a
        // first row, and an empty collection is still a CSV file with its columns.
        out.write((String.join(",", columns.headers()) + "\n").getBytes(StandardCharsets.UTF_8));
        try (CsvGenerator generator = CSV_MAPPER.getFactory().createGenerator(out)) {
            // the response's stream is Quarkus's to close, after the last flush
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.setSchema(schema);
            while (rows.next()) {
                generator.writeStartArray();
                for (String value : columns.row(mapper.readTree(rows.getString(1)))) {
                    generator.writeString(value);
                }
                generator.writeEndArray();
            }
        }
    }
}
