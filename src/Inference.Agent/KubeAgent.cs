using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Inference.Kube.Access;
using Inference.Kube.Tools;
using Microsoft.Extensions.AI;

namespace Inference.Agent;

/// <summary>
/// The agent loop: ask the model, run the tools it calls, feed the results back, until it calls final_answer (or
/// answers in plain text) or the step limit is reached. The conversation carries over between turns.
/// </summary>
public sealed class KubeAgent
{
    private const int MinimumHistoryTokens = 256;
    private const string RepeatNote = "(Note: you already made this exact call in this turn; this is its earlier result. Use it, or call something else.)";

    private readonly IChatClient _brain;
    private readonly KubeToolbox _toolbox;
    private readonly KubeAgentOptions _options;
    private readonly Dictionary<string, KubeToolFunction> _functions;
    private readonly HistoryCompactor _compactor;
    private readonly List<ChatMessage> _history;
    private readonly KubeContexts _clusters;

    public KubeAgent(IChatClient brain, KubeToolbox toolbox, KubeContexts clusters, KubeAgentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(brain);
        ArgumentNullException.ThrowIfNull(toolbox);
        ArgumentNullException.ThrowIfNull(clusters);
        _brain = brain;
        _toolbox = toolbox;
        _clusters = clusters;
        _options = options ?? new KubeAgentOptions();
        _functions = toolbox.Tools.ToDictionary(t => t.Name, t => new KubeToolFunction(t, toolbox), StringComparer.Ordinal);
        WritesEnabled = toolbox.Tools.Any(t => t.IsWrite);
        _compactor = new HistoryCompactor(_options.TokenCounter, HistoryBudget(_options, OfferedTools));
        Context = clusters.Resolve(_options.Context);
        Namespace = _options.Namespace ?? clusters.DefaultNamespace(Context);
        _history = [Prompt()];
    }

    public bool WritesEnabled { get; }

    /// <summary>Tokens the history may fill: the options' share of the context less the tools' schemas and the reply's room.</summary>
    public int HistoryBudgetTokens => _compactor.BudgetTokens;

    /// <summary>The context a tool call uses when it names none (<c>/context</c> switches it).</summary>
    public string Context { get; private set; }

    /// <summary>The namespace the system prompt names as the user's (<c>/namespace</c> switches it).</summary>
    public string? Namespace { get; private set; }

    /// <summary>The tools offered to the model: the toolbox's, then final_answer.</summary>
    public IReadOnlyList<AITool> OfferedTools => [.. _functions.Values, FinalAnswerFunction.Instance];

    public IReadOnlyList<ChatMessage> History => _history;

    /// <summary>Switches the default context (an unknown one throws <see cref="UnknownContextException"/>); the namespace becomes the context's own.</summary>
    public void SwitchContext(string context)
    {
        Context = _clusters.Resolve(context);
        Namespace = _clusters.DefaultNamespace(Context);
        _history[0] = Prompt();
    }

    public void SwitchNamespace(string ns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        Namespace = ns;
        _history[0] = Prompt();
    }

    /// <summary>Forgets the conversation; the system prompt stays.</summary>
    public void Clear() => _history.RemoveRange(1, _history.Count - 1);

    /// <summary>Replaces the conversation with a saved one (its system prompt is replaced by this session's).</summary>
    public void Restore(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Clear();
        _history.AddRange(messages.Where(m => m.Role != ChatRole.System));
    }

    /// <summary>One turn: the question in, the events out, ending with one <see cref="AgentAnswer"/>.</summary>
    public async IAsyncEnumerable<AgentEvent> AskAsync(string question, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        _history.Add(new ChatMessage(ChatRole.User, question));
        var questionAt = _history.Count - 1;
        var chatOptions = new ChatOptions
        {
            Tools = [.. OfferedTools],
            ToolMode = _options.RequireToolCall ? ChatToolMode.RequireAny : ChatToolMode.Auto,
            // Forced calls: one per step. A small model would otherwise chain calls until max_tokens cuts the last one.
            AllowMultipleToolCalls = _options.RequireToolCall ? false : null,
            ModelId = _options.ModelId,
            MaxOutputTokens = _options.MaxOutputTokens,
            Seed = _options.Seed,
        };
        var usage = new UsageDetails();
        // Per turn, and cleared after a write: a write changes what a repeated read would see.
        var earlier = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var step = 1; step <= _options.MaxSteps; step++)
        {
            questionAt = _compactor.Compact(_history, questionAt);
            var asked = Stopwatch.GetTimestamp();
            ChatResponse response;
            var streamed = new StringBuilder();
            if (_options.StreamAnswer)
            {
                var updates = new List<ChatResponseUpdate>();
                var answerStream = new AnswerStream();
                await foreach (var update in _brain.GetStreamingResponseAsync(_history, chatOptions, ct).ConfigureAwait(false))
                {
                    updates.Add(update);
                    if (answerStream.Add(update) is { Length: > 0 } delta)
                    {
                        streamed.Append(delta);
                        yield return new AnswerDelta(delta);
                    }
                }

                response = updates.ToChatResponse();
            }
            else
            {
                response = await _brain.GetResponseAsync(_history, chatOptions, ct).ConfigureAwait(false);
            }

            if (response.Usage is { } stepUsage)
                usage.Add(stepUsage);
            yield return new ModelStepFinished(step, Stopwatch.GetElapsedTime(asked), response.Usage);
            _history.AddRange(response.Messages);

            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                yield return new AgentAnswer(response.Text, step, false, usage, streamed.Length > 0 && streamed.Equals(response.Text));
                yield break;
            }

            var results = new List<AIContent>();
            string? answer = null;
            foreach (var call in calls)
            {
                if (call.Name == FinalAnswerFunction.ToolName)
                {
                    answer ??= FinalAnswerFunction.AnswerOf(call);
                    results.Add(new FunctionResultContent(call.CallId, "Answer delivered."));
                    continue;
                }

                var arguments = ArgumentsJson.Serialize(call.Arguments);
                yield return new ToolCallStarted(call.Name, arguments);
                var started = Stopwatch.GetTimestamp();
                var key = call.Name + " " + arguments;
                string text;
                bool isError, repeated = earlier.TryGetValue(key, out var previous);
                if (repeated)
                {
                    text = previous + "\n" + RepeatNote;
                    isError = false;
                }
                else if (call.Exception is { } unparsed)
                {
                    // A server without forced calls can send arguments that are not JSON: say so, and the next step retries.
                    text = $"The arguments of your {call.Name} call did not parse ({unparsed.Message}). Call it again with one JSON object.";
                    isError = true;
                }
                else
                {
                    var result = await RunAsync(call, ct).ConfigureAwait(false);
                    (text, isError) = (result.Text, result.IsError);
                    if (_functions.TryGetValue(call.Name, out var function) && function.IsWrite)
                        earlier.Clear();
                    else
                        earlier[key] = text;
                }

                results.Add(new FunctionResultContent(call.CallId, text));
                yield return new ToolCallFinished(call.Name, arguments, text, isError, Stopwatch.GetElapsedTime(started), repeated);
            }

            _history.Add(new ChatMessage(ChatRole.Tool, results));
            if (answer is not null)
            {
                yield return new AgentAnswer(answer, step, false, usage, streamed.Length > 0 && streamed.Equals(answer));
                yield break;
            }
        }

        yield return new AgentAnswer(
            $"Stopped after {_options.MaxSteps} steps without a final answer. Ask a narrower question, or raise the step limit.",
            _options.MaxSteps, true, usage);
    }

    private async Task<ToolResult> RunAsync(FunctionCallContent call, CancellationToken ct)
    {
        if (_functions.TryGetValue(call.Name, out var function))
            return await function.InvokeToolAsync(WithContext(call.Arguments, function), ct).ConfigureAwait(false);

        // Not offered: the toolbox explains (it lists the tools); a write tool in a read-only session gets the reason.
        var refusal = await _toolbox.InvokeAsync(call.Name, ArgumentsJson.Serialize(call.Arguments), ct).ConfigureAwait(false);
        return WritesEnabled
            ? refusal
            : refusal with { Text = $"{refusal.Text} Writes are not enabled in this session, so no write tool is offered and nothing was changed; tell the user to start the session with --allow-writes to make changes." };
    }

    private IDictionary<string, object?>? WithContext(IDictionary<string, object?>? arguments, KubeToolFunction function)
    {
        if (Context == _clusters.Current || !function.TakesContext || arguments?.ContainsKey("context") == true)
            return arguments;
        return new Dictionary<string, object?>(arguments ?? new Dictionary<string, object?>(), StringComparer.Ordinal) { ["context"] = Context };
    }

    /// <summary>
    /// The history's share of the context, less what every request carries besides it (the tools' schemas) and the
    /// room the reply may take: a request over the server's context is refused outright.
    /// </summary>
    private static int HistoryBudget(KubeAgentOptions options, IReadOnlyList<AITool> tools)
    {
        var schemas = tools.OfType<AIFunctionDeclaration>().Sum(t => options.TokenCounter.Count(t.Name + t.Description + t.JsonSchema.GetRawText()));
        return Math.Max(MinimumHistoryTokens, options.HistoryBudget - schemas - (options.MaxOutputTokens ?? 0));
    }

    private ChatMessage Prompt() => new(ChatRole.System, SystemPrompt.For(_clusters, Context, Namespace, WritesEnabled, _functions.ContainsKey("analyze")));
}
