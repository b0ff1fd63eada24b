using System.Globalization;

namespace Inference.Server.OpenAi;

/// <summary>
/// The ranges of the sampling and stopping fields, for every protocol: a value out of range is an
/// <see cref="OpenAiException"/> (400 over HTTP, INVALID_ARGUMENT over gRPC) naming the field.
/// </summary>
internal static class GenerationParametersValidator
{
    /// <summary>OpenAI allows 4; llama-server has no limit. 16 serves real prompts and bounds stop-string matching.</summary>
    public const int MaxStopStrings = 16;

    /// <summary>llama.cpp's LLAMA_DEFAULT_SEED (0xFFFFFFFF) means "random", so it is no usable fixed seed.</summary>
    private const long MaxSeed = uint.MaxValue - 1L;

    public static GenerationParameters Validate(GenerationInput input)
    {
        if (input.N is not null and not 1)
        {
            throw RequestErrors.UnsupportedValue("n", "only 1 is supported; this server returns a single choice.");
        }

        var maxTokens = AtLeast("max_tokens", input.MaxTokens, 1);
        return new GenerationParameters
        {
            MaxTokens = AtLeast("max_completion_tokens", input.MaxCompletionTokens, 1) ?? maxTokens,
            Temperature = InRange("temperature", input.Temperature, 0, 2),
            TopP = InRange("top_p", input.TopP, 0, 1, minExclusive: true),
            TopK = AtLeast("top_k", input.TopK, 0),
            MinP = InRange("min_p", input.MinP, 0, 1),
            Seed = Seed(input.Seed),
            PresencePenalty = InRange("presence_penalty", input.PresencePenalty, -2, 2),
            FrequencyPenalty = InRange("frequency_penalty", input.FrequencyPenalty, -2, 2),
            RepeatPenalty = InRange("repeat_penalty", input.RepeatPenalty, 0, double.PositiveInfinity, minExclusive: true),
            RepeatLastN = AtLeast("repeat_last_n", input.RepeatLastN, 0),
            LogitBias = LogitBias(input.LogitBias),
            Stop = Stop(input.Stop),
            Grammar = input.Grammar,
            IgnoreEos = input.IgnoreEos,
        };
    }

    /// <summary>A number in [min, max] (max may be infinity); bounds are inclusive unless <paramref name="minExclusive"/>.</summary>
    private static float? InRange(string param, double? value, double min, double max, bool minExclusive = false)
    {
        if (value is not { } number)
        {
            return null;
        }

        var aboveMin = minExclusive ? number > min : number >= min;
        if (aboveMin && number <= max)
        {
            return (float)number;
        }

        var lower = $"{(minExclusive ? "greater than" : "at least")} {min}";
        var upper = double.IsPositiveInfinity(max) ? "" : $" and at most {max}";
        throw RequestErrors.OutOfRange(param, $"a number {lower}{upper}", Show(number));
    }

    private static int? AtLeast(string param, int? value, int min) =>
        value is null || value >= min ? value : throw RequestErrors.OutOfRange(param, $"an integer of at least {min}", Show(value.Value));

    private static uint? Seed(long? seed) => seed switch
    {
        null or -1 => null,
        >= 0 and <= MaxSeed => (uint)seed,
        _ => throw RequestErrors.OutOfRange("seed", $"an integer from 0 to {MaxSeed}, or -1 for a random seed", Show(seed.Value)),
    };

    private static Dictionary<int, float> LogitBias(IReadOnlyList<KeyValuePair<long, double>> given)
    {
        var biases = new Dictionary<int, float>();
        foreach (var (tokenId, bias) in given)
        {
            if (tokenId is < 0 or > int.MaxValue)
            {
                throw NotATokenId(Show(tokenId));
            }

            if (bias is < -100 or > 100)
            {
                throw RequestErrors.InvalidValue("logit_bias", $"the bias of token {tokenId} must be between -100 and 100, but got {Show(bias)}.");
            }

            biases[(int)tokenId] = (float)bias;
        }

        return biases;
    }

    public static OpenAiException NotATokenId(string key) =>
        RequestErrors.InvalidValue("logit_bias", $"keys must be token ids (non-negative integers), but got \"{key}\".");

    /// <summary>Empty strings stop nothing and are dropped.</summary>
    private static string[] Stop(IReadOnlyList<string> stop) => stop.Count <= MaxStopStrings
        ? [.. stop.Where(s => s.Length > 0)]
        : throw RequestErrors.InvalidValue("stop", $"at most {MaxStopStrings} stop sequences are supported, but got {stop.Count}.");

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
