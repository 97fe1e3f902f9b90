package org.civicregistry.testsupport.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hostile part of a request: wrong types, boundary and overflow values, empty and huge values,
 * Unicode edge cases, injection attempts, malformed JSON and duplicated keys.
 */
final class BadValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Stands in the body for a value that is not JSON at all, replaced by its text once the body is written. */
    static final String RAW = "__fuzz-raw-token__";

    static final String[] STRINGS = {
            "", " ", "\t\n", "\u0000", "a\u0000b", "x".repeat(10_000), "가".repeat(501), "가".repeat(500),
            // 한글 written with combining jamo (NFD), Hangul filler, a lone jamo
            "\u1112\u1161\u11ab\u1100\u1173\u11af", "\u1100\u1161", "\u3164", "\u11a8",
            "👩🏽‍⚖️", "👨‍👩‍👧‍👦🏛️", "\uD83C\uDDF0\uD83C\uDDF7",
            "\u202Egnp.exe", "\u200F광주\u200E", "\u200B", "\uFEFFgwangju", "\u0007\u001b[31m", "\u00A0",
            "Ǆ̷̡̧̛̛̖̗̘̙̜̝̞̟̠ͅ", "ﷺ", "𝕲𝖜𝖆𝖓𝖌𝖏𝖚", "null", "NaN", "-0", "1e309", "true", "[]", "{}",
            "2019-02-30", "0000", "99999-12-31", "2019-13", "2019-1-1", "-2019-01-01", "2023-10-12T25:61:00Z", "2023-10-12T11:00",
            "+275760-09-13T00:00:00Z", "1970-01-01T00:00:00Z", "2023-10-12T11:00:00+25:00",
            "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b",
            "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7", "not-a-uuid", "Asia/Seoul", "Mars/Olympus_Mons", "UTC+99",
            "ko", "x-klingon", "en-US-u-ca-buddhist", "zz", "*", "KO",
            "gwangju", "GWANGJU", "gwang ju", "-", "--", "a".repeat(201), "1", "-1", "0", "201", "2147483648", "9223372036854775808",
            "https://", "ftp://x", "http://127.0.0.1:22/", "file:///etc/passwd", "data:text/html,<b>", "//evil.example/",
    };

    static final String[] INJECTIONS = {
            "' OR '1'='1", "'; DROP TABLE person; --", "\"; DROP TABLE agreement; --", "1; select pg_sleep(5)--",
            "x' UNION SELECT null, current_user, version() --", "%' OR 1=1 --", "\\'; truncate outbox_event; --",
            "$$; delete from record_history; $$", "a') or ('a'='a", "{\"$ne\": null}",
            "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//etc/passwd",
            "/q/health", "%00", "a\r\nSet-Cookie: injected=1", "a\r\nX-Injected: 1", "%0d%0aX-Injected:%201", "\r\n\r\n<html>",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "${jndi:ldap://127.0.0.1:1389/a}", "#{7*7}", "{{7*7}}",
            "%s%s%s%n", "javascript:alert(1)", "@evil.example", "http://evil.example/", "\\u0000", "\u0000' --",
    };

    private final SeededRandom random;

    BadValues(SeededRandom random) {
        this.random = random;
    }

    /** A hostile string: mostly an edge case of text, now and then an attack, sometimes two glued together. */
    String text() {
        String s = random.nextInt(4) == 0 ? random.pick(INJECTIONS) : random.pick(STRINGS);
        if (random.nextInt(10) == 0) {
            s = s + random.pick(STRINGS);
        }
        return s;
    }

    /** Text where a number belongs: overflows, notations and digits no parser here should take. */
    String numberText() {
        return random.pick("0", "-1", "1.5", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
                "1e308", "-1e308", "1e-320", "NaN", "Infinity", "0x10", "+1", "00012", "1_000", "٣", "１２");
    }

    /** A bad value for a body field; when it cannot be a JSON node (malformed on purpose), {@code raw[0]} holds its text. */
    JsonNode node(String[] raw) {
        switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> {
                return NODES.textNode(text());
            }
            case 4 -> {
                return switch (random.nextInt(12)) {
                    case 0 -> NODES.numberNode(0);
                    case 1 -> NODES.numberNode(-1);
                    case 2 -> NODES.numberNode(Integer.MAX_VALUE + 1L);
                    case 3 -> NODES.numberNode(Long.MAX_VALUE);
                    case 4 -> NODES.numberNode(new java.math.BigInteger("9".repeat(40)));
                    case 5 -> NODES.numberNode(1e308);
                    case 6 -> NODES.numberNode(-1e308);
                    case 7 -> NODES.numberNode(0.5);
                    case 8 -> NODES.numberNode(Integer.MIN_VALUE);
                    case 9 -> NODES.numberNode(new java.math.BigDecimal("1e-400"));
                    case 10 -> NODES.numberNode(201);
                    default -> NODES.numberNode(1);
                };
            }
            case 5 -> {
                return random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
            }
            case 6 -> {
                return switch (random.nextInt(6)) {
                    case 0 -> NODES.objectNode();
                    case 1 -> NODES.arrayNode();
                    case 2 -> NODES.arrayNode().addNull();
                    case 3 -> NODES.objectNode().put("$ne", (String) null);
                    case 4 -> NODES.objectNode().set("ko", NODES.objectNode());
                    default -> {
                        ArrayNode many = NODES.arrayNode();
                        for (int i = 0; i < 2000; i++) {
                            many.add(i);
                        }
                        yield many;
                    }
                };
            }
            case 7 -> {
                ObjectNode lang = NODES.objectNode();
                lang.put(random.pick("ko", "", "Korean!", "ko-KR", "x".repeat(100), "\u0000", "en\r\n", "zh-Hant-TW", "i-default", "ko\u200B"),
                        text());
                return lang;
            }
            default -> {
                raw[0] = random.pick("1e100000", "-0", "NaN", "Infinity", "-Infinity", "\"\\ud800\"", "\"\\udfff\\ud800\"", "00012", "0x10", ".5",
                        "+1", "'single'", "undefined", "\"\\u0000\"", "tru", "\"unterminated", "[1,]", "{\"a\" 1}", "1.", "--1",
                        "\"\\x41\"", "\"" + "\\ud83d\\ude00".repeat(100) + "\"");
                return NODES.textNode(RAW);
            }
        }
    }

    /** Puts {@code value} in place of one field or element of {@code body} (or drops it, or adds a field the schema lacks). */
    JsonNode mutateField(JsonNode body, JsonNode value) {
        List<JsonNode[]> slots = new ArrayList<>();
        collect(body, slots);
        if (slots.isEmpty() || !(body instanceof ObjectNode)) {
            return value;
        }
        JsonNode[] slot = slots.get(random.nextInt(slots.size()));
        if (slot[0] instanceof ObjectNode parent) {
            String field = slot[1].asText();
            switch (random.nextInt(8)) {
                case 0 -> parent.remove(field);
                case 1 -> parent.set(random.pick("zzz", "id", "version", "createdAt", "status", "__proto__", "constructor"), value);
                default -> parent.set(field, value);
            }
        } else if (slot[0] instanceof ArrayNode parent) {
            parent.set(slot[1].asInt(), value);
        }
        return body;
    }

    private static void collect(JsonNode node, List<JsonNode[]> slots) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                slots.add(new JsonNode[] { object, NODES.textNode(field.getKey()) });
                collect(field.getValue(), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new JsonNode[] { array, NODES.numberNode(i) });
                collect(array.get(i), slots);
            }
        }
    }

    /** The body broken as JSON: cut, nested too deep, duplicated keys, wrong encodings and the like. */
    byte[] structural(JsonNode body) throws IOException {
        String text = JSON.writeValueAsString(body);
        String out = switch (random.nextInt(18)) {
            case 0 -> text.substring(0, random.nextInt(Math.max(1, text.length())));
            case 1 -> text + random.pick("}", ",", "garbage", "{}", "\u0000", " //");
            case 2 -> duplicateKey(body, text);
            case 3 -> "[".repeat(5000) + "]".repeat(5000);
            case 4 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
            case 5 -> "";
            case 6 -> random.pick("null", "[]", "\"text\"", "42", "true", "[" + text + "]");
            case 7 -> "\uFEFF" + text;
            case 8 -> text.replaceFirst("\\{", "{/* comment */");
            case 9 -> text.replaceFirst("}$", ",}");
            case 10 -> text.replace('"', '\'');
            case 11 -> {
                StringBuilder many = new StringBuilder("{");
                for (int i = 0; i < 5000; i++) {
                    many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
                }
                yield many.append("}").toString();
            }
            case 12 -> "{\"name\": {\"ko\": \"" + "가".repeat(random.nextInt(3) == 0 ? 100_000 : 2_000) + "\"}}";
            case 13 -> text.replace("\"", "\"\\u0000");
            case 14 -> duplicateKey(body, duplicateKey(body, text));
            case 15 -> text + text;
            case 16 -> null;
            default -> null;
        };
        if (out != null) {
            return out.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextBoolean()) {
            return text.getBytes(StandardCharsets.UTF_16);
        }
        // a byte sequence that is not UTF-8, in the middle of the body
        byte[] broken = new byte[bytes.length + 2];
        int at = Math.max(1, bytes.length / 2);
        System.arraycopy(bytes, 0, broken, 0, at);
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28;
        System.arraycopy(bytes, at, broken, at + 2, bytes.length - at);
        return broken;
    }

    private String duplicateKey(JsonNode body, String text) {
        if (!(body instanceof ObjectNode object) || object.size() == 0 || !text.startsWith("{")) {
            return "{\"a\": 1, \"a\": 2}";
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        String value = random.nextBoolean() ? object.get(name).toString() : "\"dup\"";
        return "{\"" + name + "\": " + value + (text.length() > 2 ? ", " : "") + text.substring(1);
    }

    /** A path segment that, unencoded, tries to climb out of the resource. */
    String rawTraversal() {
        return random.pick("..", "../..", "..%2F..%2Fq%2Fhealth", "%2e%2e", ".", "%2F", "a%2Fb", "..;", "%252e%252e%252f");
    }

    /** Header values travel as Latin-1 without line breaks; the rest is what the attack is made of. */
    static String headerSafe(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.length() > 4000 ? out.substring(0, 4000) : out.toString();
    }
}
