using System.Globalization;
using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>Reads and range-checks the sampling and stopping fields both endpoints share.</summary>
internal static class GenerationParametersParser
{
    /// <summary>OpenAI allows 4; llama-server has no limit. 16 serves real prompts and bounds stop-string matching.</summary>
    public const int MaxStopStrings = 16;

    /// <summary>llama.cpp's LLAMA_DEFAULT_SEED (0xFFFFFFFF) means "random", so it is no usable fixed seed.</summary>
    private const long MaxSeed = uint.MaxValue - 1L;

    public static GenerationParameters Parse(JsonFieldReader body, bool acceptsMaxCompletionTokens)
    {
        var n = body.GetInt64("n");
        if (n is not null and not 1)
        {
            throw RequestErrors.UnsupportedValue("n", "only 1 is supported; this server returns a single choice.");
        }

        var maxTokens = body.GetInt32AtLeast("max_tokens", 1);
        if (acceptsMaxCompletionTokens)
        {
            maxTokens = body.GetInt32AtLeast("max_completion_tokens", 1) ?? maxTokens;
        }

        return new GenerationParameters
        {
            MaxTokens = maxTokens,
            Temperature = body.GetNumberInRange("temperature", 0, 2),
            TopP = body.GetNumberInRange("top_p", 0, 1, minExclusive: true),
            TopK = body.GetInt32AtLeast("top_k", 0),
            MinP = body.GetNumberInRange("min_p", 0, 1),
            Seed = ParseSeed(body),
            PresencePenalty = body.GetNumberInRange("presence_penalty", -2, 2),
            FrequencyPenalty = body.GetNumberInRange("frequency_penalty", -2, 2),
            RepeatPenalty = body.GetNumberInRange("repeat_penalty", 0, double.PositiveInfinity, minExclusive: true),
            RepeatLastN = body.GetInt32AtLeast("repeat_last_n", 0),
            LogitBias = ParseLogitBias(body),
            Stop = ParseStop(body),
            Grammar = body.GetString("grammar"),
            IgnoreEos = body.GetBoolean("ignore_eos") ?? false,
        };
    }

    private static uint? ParseSeed(JsonFieldReader body)
    {
        if (!body.TryGet("seed", out var value))
        {
            return null;
        }

        var seed = JsonValues.GetInt64(value, "seed");
        return seed switch
        {
            -1 => null,
            >= 0 and <= MaxSeed => (uint)seed,
            _ => throw RequestErrors.OutOfRange("seed", $"an integer from 0 to {MaxSeed}, or -1 for a random seed", value),
        };
    }

    private static IReadOnlyList<string> ParseStop(JsonFieldReader body)
    {
        if (!body.TryGet("stop", out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var single = value.GetString()!;
            return single.Length == 0 ? [] : [single];
        }

        var array = JsonValues.GetArray(value, "stop");
        if (array.GetArrayLength() > MaxStopStrings)
        {
            throw RequestErrors.InvalidValue("stop", $"at most {MaxStopStrings} stop sequences are supported, but got {array.GetArrayLength()}.");
        }

        var stops = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var stop = JsonValues.GetString(item, $"stop[{index++}]");
            if (stop.Length > 0)
            {
                stops.Add(stop);
            }
        }

        return stops;
    }

    private static Dictionary<int, float> ParseLogitBias(JsonFieldReader body)
    {
        var biases = new Dictionary<int, float>();
        if (!body.TryGet("logit_bias", out var value))
        {
            return biases;
        }

        foreach (var entry in JsonValues.GetObject(value, "logit_bias").EnumerateObject())
        {
            if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var tokenId))
            {
                throw RequestErrors.InvalidValue("logit_bias", $"keys must be token ids (non-negative integers), but got \"{entry.Name}\".");
            }

            var bias = JsonValues.GetNumber(entry.Value, "logit_bias");
            if (bias is < -100 or > 100)
            {
                throw RequestErrors.InvalidValue("logit_bias", $"the bias of token {tokenId} must be between -100 and 100, but got {entry.Value.GetRawText()}.");
            }

            biases[tokenId] = (float)bias;
        }

        return biases;
    }
}
