package org.civicregistry.commons.http;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The wire name of an enum constant: its {@code @JsonProperty}, as in the JSON bodies. */
public final class Enums {

    private Enums() {
    }

    public static String wire(Enum<?> constant) {
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return property != null ? property.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    public static List<String> wires(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enums::wire).toList();
    }
}
