using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Inference.LoadGenerator;

/// <summary>What one streamed request measured. Timestamps are <see cref="Stopwatch.GetTimestamp"/> values.</summary>
internal sealed class RequestResult
{
    public long Start { get; set; }

    public long End { get; set; }

    /// <summary>Arrival time of every chunk that carried output text (content or reasoning_content).</summary>
    public List<long> ChunkArrivals { get; } = new(256);

    public int PromptTokens { get; set; } = -1;

    public int CompletionTokens { get; set; } = -1;

    public string? FinishReason { get; set; }

    public string? Error { get; set; }

    public bool Ok => Error is null && ChunkArrivals.Count > 0;

    /// <summary>Output tokens: the server's usage when it sent one, else the number of content chunks.</summary>
    public int OutputTokens => CompletionTokens >= 0 ? CompletionTokens : ChunkArrivals.Count;
}

/// <summary>
/// Streaming chat completions over a raw HttpClient: the response body is read as bytes, split into
/// SSE lines and each <c>data:</c> payload scanned with <see cref="Utf8JsonReader"/> (no DOM, no SDK), so
/// the arrival time of a chunk is the moment its line is complete in our buffer.
/// </summary>
internal sealed class SseClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public SseClient(Uri baseAddress, TimeSpan requestTimeout)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            Timeout = requestTimeout,
        };
        _endpoint = new Uri(baseAddress, "v1/chat/completions");
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public HttpClient Http => _http;

    public static byte[] BuildBody(string? model, string? system, string user, int maxTokens, bool stream)
    {
        var buffer = new ArrayBufferWriter<byte>(user.Length + (system?.Length ?? 0) + 256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (model is not null)
            {
                json.WriteString("model", model);
            }

            json.WriteStartArray("messages");
            if (system is not null)
            {
                json.WriteStartObject();
                json.WriteString("role", "system");
                json.WriteString("content", system);
                json.WriteEndObject();
            }

            json.WriteStartObject();
            json.WriteString("role", "user");
            json.WriteString("content", user);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteNumber("max_tokens", maxTokens);
            json.WriteNumber("temperature", 0);
            json.WriteBoolean("ignore_eos", true);
            json.WriteBoolean("stream", stream);
            if (stream)
            {
                json.WriteStartObject("stream_options");
                json.WriteBoolean("include_usage", true);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Sends one streamed request and records every output chunk's arrival.</summary>
    public async Task<RequestResult> StreamAsync(byte[] body, CancellationToken cancellationToken)
    {
        var result = new RequestResult();
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        // A fresh connection per request (cheap on loopback): llama-server's HTTP library closes kept-alive
        // connections on its own schedule, and a POST sent on one it just closed fails without a retry.
        request.Headers.ConnectionClose = true;
        result.Start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                result.Error = $"HTTP {(int)response.StatusCode}: {Truncate(text)}";
                return result;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await ReadEventsAsync(stream, result, cancellationToken);
            if (result.Error is null && result.ChunkArrivals.Count == 0)
            {
                result.Error = "the stream carried no output text";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result.Error = "cancelled (level time limit)";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or JsonException)
        {
            result.Error = $"{ex.GetType().Name}: {Truncate(ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message)}";
        }
        finally
        {
            result.End = Stopwatch.GetTimestamp();
        }

        return result;
    }

    private static async Task ReadEventsAsync(Stream stream, RequestResult result, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    return;
                }

                var now = Stopwatch.GetTimestamp();
                filled += read;
                var consumed = 0;
                while (true)
                {
                    var newline = buffer.AsSpan(consumed, filled - consumed).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    var line = buffer.AsSpan(consumed, newline);
                    consumed += newline + 1;
                    if (HandleLine(line.TrimEnd((byte)'\r'), result, now))
                    {
                        return;
                    }
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True at <c>data: [DONE]</c>.</summary>
    private static bool HandleLine(ReadOnlySpan<byte> line, RequestResult result, long now)
    {
        if (!line.StartsWith("data:"u8))
        {
            return false; // blank separator, comment or other field
        }

        var payload = line[5..].TrimStart((byte)' ');
        if (payload.SequenceEqual("[DONE]"u8))
        {
            return true;
        }

        ScanChunk(payload, result, now);
        return false;
    }

    /// <summary>Finds delta.content / delta.reasoning_content, finish_reason, usage and error in one chunk.</summary>
    private static void ScanChunk(ReadOnlySpan<byte> json, RequestResult result, long now)
    {
        var reader = new Utf8JsonReader(json);
        var hasText = false;
        var inUsage = false;
        var usageDepth = -1;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && inUsage && reader.CurrentDepth == usageDepth)
            {
                inUsage = false;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("reasoning_content"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0)
                {
                    hasText = true;
                }
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    result.FinishReason = reader.GetString();
                }
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    inUsage = true;
                    usageDepth = reader.CurrentDepth;
                }
            }
            else if (inUsage && reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                result.PromptTokens = reader.GetInt32();
            }
            else if (inUsage && reader.ValueTextEquals("completion_tokens"u8))
            {
                reader.Read();
                result.CompletionTokens = reader.GetInt32();
            }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("error"u8))
            {
                result.Error = "error event: " + Truncate(Encoding.UTF8.GetString(json));
                return;
            }
        }

        if (hasText)
        {
            result.ChunkArrivals.Add(now);
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => _http.Dispose();
}
