using System.Text;

namespace Inference.LoadGenerator;

/// <summary>
/// Fixed-seed prompts: the same seed gives the same words on every run and for every server, so two
/// servers with the same tokenizer see byte-identical requests. Lengths are given in words and
/// calibrated to tokens against the served model (see <see cref="LoadGeneratorRunner"/>).
/// </summary>
internal sealed class PromptFactory(int seed)
{
    private static readonly string[] Words =
    [
        "the", "engine", "serves", "many", "requests", "at", "once", "and", "every", "token", "is", "streamed",
        "as", "soon", "it", "sampled", "a", "model", "reads", "prompt", "then", "writes", "answer", "into", "cache",
        "memory", "batch", "step", "slot", "queue", "time", "first", "last", "fast", "slow", "server", "client",
        "request", "response", "stream", "chunk", "line", "data", "event", "thread", "core", "loop", "work",
        "small", "large", "long", "short", "number", "value", "result", "order", "list", "table", "file", "path",
        "system", "user", "tool", "call", "function", "name", "argument", "schema", "object", "string", "field",
        "weather", "city", "search", "query", "page", "date", "price", "stock", "report", "summary", "question",
    ];

    /// <summary>The user turn of request <paramref name="index"/> at concurrency level <paramref name="level"/>: distinct per request.</summary>
    public string UserTurn(int level, int index, int words) =>
        Sentence(unchecked((seed * 1_000_003) + (level * 10_007) + index), words);

    /// <summary>The shared system prompt of the agent pattern: instructions plus a tool schema, about <paramref name="words"/> words.</summary>
    public string SharedPrefix(int words)
    {
        var text = new StringBuilder();
        text.Append("You are an assistant that can call tools. Answer briefly. Tools: ");
        text.Append("""[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}},"required":["city"]}}},{"type":"function","function":{"name":"search","description":"Search the web","parameters":{"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer"}},"required":["query"]}}}]""");
        text.Append(" Notes: ");
        text.Append(Sentence(unchecked((seed * 1_000_003) - 1), Math.Max(0, words - 60)));
        return text.ToString();
    }

    // A fixed LCG, not System.Random's seeding or HashCode (randomized per process): the same words on every machine.
    private static string Sentence(int seed, int words)
    {
        var state = (ulong)(uint)seed * 6364136223846793005UL + 1442695040888963407UL;
        var text = new StringBuilder(words * 7);
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                text.Append(i % 12 == 0 ? ". " : " ");
            }

            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            text.Append(Words[(int)((state >> 33) % (ulong)Words.Length)]);
        }

        return text.ToString();
    }
}
