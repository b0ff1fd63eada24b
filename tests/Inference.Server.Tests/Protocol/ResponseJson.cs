using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Inference.Server.Tests.Protocol;

/// <summary>Reads what the server wrote: JSON bodies and server-sent events.</summary>
internal static class ResponseJson
{
    public static JsonElement Parse(byte[] utf8) => JsonDocument.Parse(utf8).RootElement;

    /// <summary>The data payloads of an SSE stream, checking the <c>data: …\n\n</c> framing on the way.</summary>
    public static List<string> SseData(ArrayBufferWriter<byte> written)
    {
        var text = Encoding.UTF8.GetString(written.WrittenSpan);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        var events = text[..^2].Split("\n\n");
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.All(events, e => Assert.DoesNotContain('\n', e));
        return events.Select(e => e["data: ".Length..]).ToList();
    }
}
