using System.Globalization;
using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>Reads the sampling and stopping fields both endpoints share; <see cref="GenerationParametersValidator"/> checks their ranges.</summary>
internal static class GenerationParametersParser
{
    public static GenerationParameters Parse(JsonFieldReader body, bool acceptsMaxCompletionTokens) =>
        GenerationParametersValidator.Validate(new GenerationInput
        {
            N = body.GetInt64("n"),
            MaxTokens = body.GetInt32("max_tokens"),
            MaxCompletionTokens = acceptsMaxCompletionTokens ? body.GetInt32("max_completion_tokens") : null,
            Temperature = body.GetNumber("temperature"),
            TopP = body.GetNumber("top_p"),
            TopK = body.GetInt32("top_k"),
            MinP = body.GetNumber("min_p"),
            Seed = body.GetInt64("seed"),
            PresencePenalty = body.GetNumber("presence_penalty"),
            FrequencyPenalty = body.GetNumber("frequency_penalty"),
            RepeatPenalty = body.GetNumber("repeat_penalty"),
            RepeatLastN = body.GetInt32("repeat_last_n"),
            LogitBias = ParseLogitBias(body),
            Stop = ParseStop(body),
            Grammar = body.GetString("grammar"),
            IgnoreEos = body.GetBoolean("ignore_eos") ?? false,
        });

    private static List<string> ParseStop(JsonFieldReader body)
    {
        if (!body.TryGet("stop", out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        var stops = new List<string>();
        var index = 0;
        foreach (var item in JsonValues.GetArray(value, "stop").EnumerateArray())
        {
            stops.Add(JsonValues.GetString(item, $"stop[{index++}]"));
        }

        return stops;
    }

    private static List<KeyValuePair<long, double>> ParseLogitBias(JsonFieldReader body)
    {
        var biases = new List<KeyValuePair<long, double>>();
        if (!body.TryGet("logit_bias", out var value))
        {
            return biases;
        }

        foreach (var entry in JsonValues.GetObject(value, "logit_bias").EnumerateObject())
        {
            if (!long.TryParse(entry.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var tokenId))
            {
                throw GenerationParametersValidator.NotATokenId(entry.Name);
            }

            biases.Add(new(tokenId, JsonValues.GetNumber(entry.Value, "logit_bias")));
        }

        return biases;
    }
}
