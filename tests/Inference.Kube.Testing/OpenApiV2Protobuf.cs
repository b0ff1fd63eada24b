using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Kube.Testing;

/// <summary>
/// /openapi/v2 as kubectl asks for it: protobuf (gnostic's openapi.v2.Document), encoded from the captured JSON.
/// Only what kubectl's schema validation reads is written: info, and every definition with its $ref, type, format,
/// description, required, properties, items, additionalProperties, allOf and x- extensions. Paths are left out, so
/// kubectl finds no server-side field validation in v2 and validates client-side with these schemas.
/// </summary>
internal static class OpenApiV2Protobuf
{
    public static byte[] Encode(string openApiJsonPath)
    {
        var document = JsonNode.Parse(File.ReadAllBytes(openApiJsonPath))!.AsObject();
        var writer = new ProtoWriter();
        writer.String(1, document.Str("swagger") ?? "2.0");
        var info = new ProtoWriter();
        info.String(1, document.Str("info", "title") ?? "Kubernetes");
        info.String(2, document.Str("info", "version") ?? "");
        writer.Message(2, info);
        var definitions = new ProtoWriter();
        foreach (var (name, schema) in document["definitions"] as JsonObject ?? [])
        {
            definitions.Message(1, Named(name, Schema(schema as JsonObject ?? [])));
        }

        writer.Message(9, definitions);
        return writer.ToArray();
    }

    private static ProtoWriter Named(string name, ProtoWriter value)
    {
        var named = new ProtoWriter();
        named.String(1, name);
        named.Message(2, value);
        return named;
    }

    private static ProtoWriter Schema(JsonObject schema)
    {
        var writer = new ProtoWriter();
        writer.String(1, schema.Str("$ref"));
        writer.String(2, schema.Str("format"));
        writer.String(3, schema.Str("title"));
        writer.String(4, schema.Str("description"));
        foreach (var required in schema["required"] as JsonArray ?? [])
        {
            writer.String(19, required?.ToString());
        }

        switch (schema["additionalProperties"])
        {
            case JsonObject additional:
                var item = new ProtoWriter();
                item.Message(1, Schema(additional));
                writer.Message(21, item);
                break;
            case JsonValue flag when flag.TryGetValue<bool>(out var allowed):
                var boolean = new ProtoWriter();
                boolean.Bool(2, allowed);
                writer.Message(21, boolean);
                break;
        }

        if (schema["type"] is { } type)
        {
            var types = new ProtoWriter();
            foreach (var value in type is JsonArray many ? many.Select(t => t?.ToString()) : [type.ToString()])
            {
                types.String(1, value);
            }

            writer.Message(22, types);
        }

        if (schema["items"] is { } items)
        {
            var list = new ProtoWriter();
            foreach (var itemSchema in items is JsonArray many ? many.OfType<JsonObject>() : [items.AsObject()])
            {
                list.Message(1, Schema(itemSchema));
            }

            writer.Message(23, list);
        }

        foreach (var part in (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>())
        {
            writer.Message(24, Schema(part));
        }

        if (schema["properties"] is JsonObject properties)
        {
            var named = new ProtoWriter();
            foreach (var (name, property) in properties)
            {
                named.Message(1, Named(name, Schema(property as JsonObject ?? [])));
            }

            writer.Message(25, named);
        }

        foreach (var (name, value) in schema.Where(p => p.Key.StartsWith("x-", StringComparison.Ordinal)))
        {
            // An extension's value travels as YAML text in openapi.v2.Any; JSON is YAML.
            var any = new ProtoWriter();
            any.String(2, value?.ToJsonString() ?? "null");
            var extension = new ProtoWriter();
            extension.String(1, name);
            extension.Message(2, any);
            writer.Message(31, extension);
        }

        return writer;
    }

    /// <summary>Protocol buffers wire format: just the length-delimited and varint fields needed here.</summary>
    private sealed class ProtoWriter
    {
        private readonly MemoryStream _buffer = new();

        public void String(int field, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            Bytes(field, Encoding.UTF8.GetBytes(value));
        }

        public void Bool(int field, bool value)
        {
            Varint((ulong)(field << 3));
            Varint(value ? 1UL : 0UL);
        }

        public void Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

        public byte[] ToArray() => _buffer.ToArray();

        private void Bytes(int field, byte[] bytes)
        {
            Varint((ulong)((field << 3) | 2));
            Varint((ulong)bytes.Length);
            _buffer.Write(bytes);
        }

        private void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _buffer.WriteByte((byte)value);
        }
    }
}
