package io.higress.fleet.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * JSON Schemas (OpenAPI 3.1) of the Java types the API reads and writes, read the way Jackson reads them: property
 * names ({@code @JsonProperty}), ignored properties, enums by their {@code @JsonValue}, and nulls: a property of a
 * class or field under {@code @JsonInclude(NON_NULL|NON_EMPTY|...)} is left out when null, any other reference may be
 * {@code null}; primitives are always there ({@code required}). Records and beans become named components (their
 * {@code @Schema(name)}, or the simple names joined from the outermost class: {@code PluginSpecMatchRule}), and a
 * property's {@code @Schema} adds its description and values.
 */
final class JavaSchemas {
    static final String PREFIX = "#/components/schemas/";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<Class<?>> INTEGERS = Set.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class, byte.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, Double.class, float.class, Float.class,
            BigDecimal.class);

    private final Components components;
    private final Map<Class<?>, String> names = new HashMap<>();

    JavaSchemas(Components components) {
        this.components = components;
    }

    Components components() {
        return components;
    }

    /** The schema of {@code type} (a {@code $ref} for records and beans, registered in the components). */
    Schema of(Type type) {
        return of(MAPPER.constructType(type));
    }

    /**
     * The component name of a record or bean, (re)writing its schema and those it refers to, once per document: a
     * schema the scanner wrote for the same class is replaced (the scanner knows nothing of Jackson's inclusion rules).
     * {@link Problem} is written by hand ({@code ProblemAnswers}).
     */
    String name(Class<?> type) {
        if (type == Problem.class) {
            return "Problem";
        }
        String known = names.get(type);
        if (known != null) {
            return known;
        }
        String name = componentName(type);
        names.put(type, name);
        components.addSchema(name, OASFactory.createSchema()); // placeholder: a type may refer to itself
        components.addSchema(name, bean(MAPPER.constructType(type)));
        return name;
    }

    static Schema ref(String component) {
        return OASFactory.createSchema().ref(PREFIX + component);
    }

    /** {@code schema} or null. */
    static Schema nullable(Schema schema) {
        if (schema.getRef() != null) {
            return OASFactory.createSchema().anyOf(List.of(schema, OASFactory.createSchema().addType(SchemaType.NULL)));
        }
        if (schema.getType() == null || schema.getType().isEmpty()) {
            return schema; // anything, null included
        }
        if (schema.getEnumeration() != null) {
            schema.addEnumeration(null);
        }
        return schema.addType(SchemaType.NULL);
    }

    private Schema of(JavaType t) {
        Class<?> raw = t.getRawClass();
        if (raw == String.class || raw == char.class || raw == Character.class) {
            return type(SchemaType.STRING);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return type(SchemaType.BOOLEAN);
        }
        if (INTEGERS.contains(raw)) {
            return type(SchemaType.INTEGER).format(raw == int.class || raw == Integer.class ? "int32" : "int64");
        }
        if (NUMBERS.contains(raw)) {
            return type(SchemaType.NUMBER).format(raw == float.class || raw == Float.class ? "float" : "double");
        }
        if (raw == Instant.class) {
            return type(SchemaType.STRING).format("date-time");
        }
        if (raw.isEnum()) {
            return enumeration(raw);
        }
        if (ObjectNode.class.isAssignableFrom(raw)) {
            return type(SchemaType.OBJECT);
        }
        if (ArrayNode.class.isAssignableFrom(raw)) {
            return type(SchemaType.ARRAY);
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return OASFactory.createSchema(); // any JSON value
        }
        if (t.isArrayType() || t.isCollectionLikeType()) {
            return type(SchemaType.ARRAY).items(of(t.getContentType()));
        }
        if (t.isMapLikeType()) {
            return type(SchemaType.OBJECT).additionalPropertiesSchema(of(t.getContentType()));
        }
        return ref(name(raw));
    }

    private Schema bean(JavaType t) {
        BeanDescription description = MAPPER.getSerializationConfig().introspect(t);
        JsonInclude.Include classInclusion = description.findPropertyInclusion(JsonInclude.Value.empty())
                .getValueInclusion();
        Schema schema = type(SchemaType.OBJECT);
        List<String> required = new ArrayList<>();
        for (BeanPropertyDefinition p : description.findProperties()) {
            org.eclipse.microprofile.openapi.annotations.media.Schema annotation = p.getPrimaryMember() == null ? null
                    : p.getPrimaryMember().getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
            if (!p.couldSerialize() || annotation != null && annotation.hidden()) {
                continue;
            }
            JavaType type = p.getPrimaryType();
            Schema property = annotated(of(type), annotation);
            JsonInclude.Include inclusion = p.findInclusion().getValueInclusion();
            boolean omitsNull = omitsNull(inclusion) || (inclusion == JsonInclude.Include.USE_DEFAULTS
                    && omitsNull(classInclusion));
            if (type.isPrimitive()) {
                required.add(p.getName());
            } else if (!omitsNull) {
                property = nullable(property);
            }
            schema.addProperty(p.getName(), property);
        }
        org.eclipse.microprofile.openapi.annotations.media.Schema onClass = t.getRawClass()
                .getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        if (onClass != null && !onClass.description().isEmpty()) {
            schema.description(onClass.description());
        }
        return required.isEmpty() ? schema : schema.required(required);
    }

    /** What a property's {@code @Schema} adds: a description, the values of a string. */
    private static Schema annotated(Schema schema,
            org.eclipse.microprofile.openapi.annotations.media.Schema annotation) {
        if (annotation == null) {
            return schema;
        }
        if (!annotation.description().isEmpty()) {
            schema.description(annotation.description());
        }
        if (annotation.enumeration().length > 0) {
            schema.enumeration(new ArrayList<>(List.of(annotation.enumeration())));
        }
        return schema;
    }

    private static boolean omitsNull(JsonInclude.Include inclusion) {
        return inclusion == JsonInclude.Include.NON_NULL || inclusion == JsonInclude.Include.NON_ABSENT
                || inclusion == JsonInclude.Include.NON_EMPTY || inclusion == JsonInclude.Include.NON_DEFAULT;
    }

    private static Schema enumeration(Class<?> type) {
        List<Object> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            values.add(MAPPER.valueToTree(constant).asText());
        }
        return type(SchemaType.STRING).enumeration(values);
    }

    private static Schema type(SchemaType type) {
        return OASFactory.createSchema().addType(type);
    }

    /** {@code @Schema(name)}, or {@code PluginSpec.MatchRule} → {@code PluginSpecMatchRule}; unique here. */
    private String componentName(Class<?> type) {
        org.eclipse.microprofile.openapi.annotations.media.Schema named = type
                .getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        if (named != null && !named.name().isEmpty()) {
            return named.name();
        }
        StringBuilder name = new StringBuilder();
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            name.insert(0, c.getSimpleName());
        }
        String candidate = name.toString();
        if (names.containsValue(candidate)) {
            String pkg = type.getPackageName();
            String last = pkg.substring(pkg.lastIndexOf('.') + 1);
            candidate = Character.toUpperCase(last.charAt(0)) + last.substring(1) + candidate;
        }
        return candidate;
    }
}
