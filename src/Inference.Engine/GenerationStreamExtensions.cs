using System.Text;
using System.Threading.Channels;

namespace Inference.Engine;

/// <summary>The whole output of a request, for callers that do not stream.</summary>
public sealed record GenerationOutput(string Text, IReadOnlyList<int> Tokens, GenerationResult Result);

public static class GenerationStreamExtensions
{
    /// <summary>Reads a stream to its end.</summary>
    public static async Task<GenerationOutput> CollectAsync(this ChannelReader<GenerationEvent> events, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        var tokens = new List<int>();
        await foreach (var e in events.ReadAllAsync(cancellationToken))
        {
            text.Append(e.Text);
            if (e.Kind == GenerationEventKind.Token)
            {
                tokens.Add(e.TokenId);
            }
            else
            {
                return new GenerationOutput(text.ToString(), tokens, e.Result!);
            }
        }

        throw new InvalidOperationException("The stream ended without a completion event.");
    }
}
