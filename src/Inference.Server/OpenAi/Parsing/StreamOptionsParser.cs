namespace Inference.Server.OpenAi;

/// <summary>Reads stream and stream_options.include_usage, which both endpoints share.</summary>
internal static class StreamOptionsParser
{
    public static (bool Stream, bool IncludeUsage) Parse(JsonFieldReader body)
    {
        var stream = body.GetBoolean("stream") ?? false;
        var includeUsage = body.GetObjectReader("stream_options")?.GetBoolean("include_usage") ?? false;
        return (stream, stream && includeUsage);
    }
}
