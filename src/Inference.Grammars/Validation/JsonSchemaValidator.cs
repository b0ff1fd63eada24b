using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Inference.Grammars;

/// <summary>
/// Validates JSON against the JSON Schema subset <see cref="JsonSchemaToGbnf"/> supports: type, enum,
/// const, properties/required/additionalProperties, items/prefixItems/minItems/maxItems,
/// minLength/maxLength/pattern/format, minimum/maximum (and exclusive forms), anyOf/oneOf/allOf and local
/// <c>$ref</c>. Other keywords are not checked.
/// </summary>
public static class JsonSchemaValidator
{
    public static IReadOnlyList<SchemaValidationError> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<SchemaValidationError>();
        new Run(schema, errors).Check(schema, instance, SchemaPath.Root);
        return errors;
    }

    public static IReadOnlyList<SchemaValidationError> Validate(JsonNode schema, JsonNode? instance) =>
        Validate(JsonSerializer.SerializeToElement(schema), JsonSerializer.SerializeToElement(instance));

    private sealed class Run(JsonElement document, List<SchemaValidationError> errors)
    {
        public void Check(JsonElement schema, JsonElement value, string path)
        {
            if (schema.ValueKind == JsonValueKind.False)
            {
                Fail(path, "no value is allowed here");
            }
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var target = JsonPointer.Resolve(document, reference.GetString()!.TrimStart('#'));
                if (target is { } t)
                {
                    Check(t, value, path);
                }
                else
                {
                    Fail(path, $"unresolved $ref {reference.GetString()}");
                }
            }
            CheckCombinators(schema, value, path);
            CheckType(schema, value, path);
            CheckValues(schema, value, path);
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    CheckObject(schema, value, path);
                    break;
                case JsonValueKind.Array:
                    CheckArray(schema, value, path);
                    break;
                case JsonValueKind.String:
                    CheckString(schema, value.GetString()!, path);
                    break;
                case JsonValueKind.Number:
                    CheckNumber(schema, value.GetDecimal(), path);
                    break;
            }
        }

        private void CheckCombinators(JsonElement schema, JsonElement value, string path)
        {
            if (schema.TryGetProperty("allOf", out var allOf))
            {
                foreach (var part in allOf.EnumerateArray())
                {
                    Check(part, value, path);
                }
            }
            if (schema.TryGetProperty("anyOf", out var anyOf) && Matching(anyOf, value) == 0)
            {
                Fail(path, "matches none of anyOf");
            }
            if (schema.TryGetProperty("oneOf", out var oneOf) && Matching(oneOf, value) is var count and not 1)
            {
                Fail(path, $"matches {count} of oneOf, expected exactly one");
            }
        }

        private int Matching(JsonElement alternatives, JsonElement value) =>
            alternatives.EnumerateArray().Count(alternative =>
            {
                var alternativeErrors = new List<SchemaValidationError>();
                new Run(document, alternativeErrors).Check(alternative, value, SchemaPath.Root);
                return alternativeErrors.Count == 0;
            });

        private void CheckType(JsonElement schema, JsonElement value, string path)
        {
            if (!schema.TryGetProperty("type", out var type))
            {
                return;
            }
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Exists(t => HasType(value, t)))
            {
                Fail(path, $"expected {string.Join(" or ", types)}");
            }
        }

        private static bool HasType(JsonElement value, string type) => type switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "string" => value.ValueKind == JsonValueKind.String,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && value.GetDecimal() % 1 == 0,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => value.ValueKind == JsonValueKind.Null,
            _ => false,
        };

        private void CheckValues(JsonElement schema, JsonElement value, string path)
        {
            if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
            {
                Fail(path, $"expected the constant {constant.GetRawText()}");
            }
            if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
            {
                Fail(path, "not one of the enum values");
            }
        }

        private void CheckObject(JsonElement schema, JsonElement value, string path)
        {
            var declared = schema.TryGetProperty("properties", out var properties) ? properties : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                {
                    Fail(path, $"missing required property '{name}'");
                }
            }
            var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : (JsonElement?)null;
            foreach (var property in value.EnumerateObject())
            {
                var propertyPath = SchemaPath.Append(path, property.Name);
                if (declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(propertySchema, property.Value, propertyPath);
                }
                else if (additional is { } additionalSchema)
                {
                    Check(additionalSchema, property.Value, propertyPath);
                }
            }
        }

        private void CheckArray(JsonElement schema, JsonElement value, string path)
        {
            var length = value.GetArrayLength();
            CheckCount(schema, "minItems", "maxItems", length, path, "items");
            var tuple = schema.TryGetProperty("prefixItems", out var prefix) ? prefix
                : schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items
                : (JsonElement?)null;
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var itemPath = SchemaPath.Index(path, index);
                if (tuple is { } t && index < t.GetArrayLength())
                {
                    Check(t[index], item, itemPath);
                }
                else if (schema.TryGetProperty("items", out var itemSchema) && itemSchema.ValueKind != JsonValueKind.Array)
                {
                    Check(itemSchema, item, itemPath);
                }
                index++;
            }
        }

        private void CheckString(JsonElement schema, string value, string path)
        {
            CheckCount(schema, "minLength", "maxLength", value.EnumerateRunes().Count(), path, "characters");
            if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                Fail(path, $"does not match pattern {pattern.GetString()}");
            }
            if (schema.TryGetProperty("format", out var format) && StringFormats.Check(format.GetString()!, value) == false)
            {
                Fail(path, $"not a valid {format.GetString()}");
            }
        }

        private void CheckNumber(JsonElement schema, decimal value, string path)
        {
            var exclusiveMinimumFlag = schema.TryGetProperty("exclusiveMinimum", out var exMin) && exMin.ValueKind == JsonValueKind.True;
            var exclusiveMaximumFlag = schema.TryGetProperty("exclusiveMaximum", out var exMax) && exMax.ValueKind == JsonValueKind.True;
            if (schema.TryGetProperty("minimum", out var min) && (exclusiveMinimumFlag ? value <= min.GetDecimal() : value < min.GetDecimal()))
            {
                Fail(path, $"below the minimum {min.GetRawText()}");
            }
            if (schema.TryGetProperty("maximum", out var max) && (exclusiveMaximumFlag ? value >= max.GetDecimal() : value > max.GetDecimal()))
            {
                Fail(path, $"above the maximum {max.GetRawText()}");
            }
            if (exMin.ValueKind == JsonValueKind.Number && value <= exMin.GetDecimal())
            {
                Fail(path, $"not above the exclusive minimum {exMin.GetRawText()}");
            }
            if (exMax.ValueKind == JsonValueKind.Number && value >= exMax.GetDecimal())
            {
                Fail(path, $"not below the exclusive maximum {exMax.GetRawText()}");
            }
        }

        private void CheckCount(JsonElement schema, string minKeyword, string maxKeyword, int count, string path, string what)
        {
            if (schema.TryGetProperty(minKeyword, out var min) && count < min.GetInt32())
            {
                Fail(path, $"fewer than {min.GetInt32().ToString(CultureInfo.InvariantCulture)} {what}");
            }
            if (schema.TryGetProperty(maxKeyword, out var max) && count > max.GetInt32())
            {
                Fail(path, $"more than {max.GetInt32().ToString(CultureInfo.InvariantCulture)} {what}");
            }
        }

        private void Fail(string path, string message) => errors.Add(new SchemaValidationError(path, message));
    }
}
