using System.Text;
using System.Text.Json.Nodes;

namespace Inference.Kube.Testing;

/// <summary>
/// kubectl's typed clients post a SelfSubjectAccessReview as Kubernetes protobuf ("k8s\0" + runtime.Unknown); this reads
/// just that message into its JSON form (spec.resourceAttributes / nonResourceAttributes). Answers stay JSON, which
/// the client accepts.
/// </summary>
internal static class AccessReviewProtobuf
{
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    public static bool IsProtobuf(string? contentType) =>
        contentType?.StartsWith("application/vnd.kubernetes.protobuf", StringComparison.Ordinal) == true;

    public static JsonObject Decode(byte[] body)
    {
        if (!body.AsSpan().StartsWith(Magic))
        {
            throw KubeStatusException.BadRequest("protobuf body without the k8s envelope");
        }

        var raw = Field(body.AsSpan(Magic.Length), 2) ?? throw KubeStatusException.BadRequest("protobuf envelope without raw");
        var spec = Field(raw, 2) ?? [];
        var result = new JsonObject();
        if (Field(spec, 1) is { } resource)
        {
            result["resourceAttributes"] = Strings(resource, ["namespace", "verb", "group", "version", "resource", "subresource", "name"]);
        }

        if (Field(spec, 2) is { } nonResource)
        {
            result["nonResourceAttributes"] = Strings(nonResource, ["path", "verb"]);
        }

        return new JsonObject
        {
            ["kind"] = "SelfSubjectAccessReview",
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["spec"] = result,
        };
    }

    private static JsonObject Strings(ReadOnlySpan<byte> message, string[] names)
    {
        var obj = new JsonObject();
        for (var i = 0; i < names.Length; i++)
        {
            if (Field(message, i + 1) is { } value)
            {
                obj[names[i]] = Encoding.UTF8.GetString(value);
            }
        }

        return obj;
    }

    /// <summary>The bytes of the first length-delimited field with this number, skipping the others.</summary>
    private static byte[]? Field(ReadOnlySpan<byte> message, int number)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = Varint(message, ref position);
            var wireType = (int)(tag & 7);
            switch (wireType)
            {
                case 0:
                    Varint(message, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    if ((int)(tag >> 3) == number)
                    {
                        return message.Slice(position, length).ToArray();
                    }

                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw KubeStatusException.BadRequest("unsupported protobuf wire type " + wireType);
            }
        }

        return null;
    }

    private static ulong Varint(ReadOnlySpan<byte> message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; position < message.Length; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        return value;
    }
}
