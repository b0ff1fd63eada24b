using System.Diagnostics;
using System.Text.Json;
using Inference.Kube.Audit;
using Inference.Kube.Safety;
using Inference.Kube.Tools.Read;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inference.Kube.Tools;

/// <summary>
/// The registry of cluster tools and the one pipeline every call goes through: find the tool, parse the arguments,
/// run, turn failures into readable results, redact, fit the budget, write one audit line. Never throws.
/// </summary>
public sealed class KubeToolbox
{
    private readonly KubeToolboxOptions _options;
    private readonly Dictionary<string, KubeTool> _byName;
    private readonly ResultBudget _budget;
    private readonly ILogger _audit;

    private KubeToolbox(KubeToolboxOptions options, IReadOnlyList<KubeTool> tools)
    {
        _options = options;
        Tools = tools;
        _byName = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _budget = options.Budget
            ?? ResultBudget.ForModelContext(options.ModelContextTokens, ResultBudget.DefaultFraction, options.TokenCounter);
        _audit = options.Audit ?? NullLogger.Instance;
    }

    /// <summary>Offered tools: the read tools, and the write tools only when the session allows writes.</summary>
    public IReadOnlyList<KubeTool> Tools { get; }

    public ResultBudget Budget => _budget;

    public static KubeToolbox Create(KubeToolboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<KubeTool> tools = [.. ReadTools.All()];
        if (options.AllowWrites)
            tools.AddRange(Write.WriteTools.All());
        return new KubeToolbox(options, tools);
    }

    public async Task<ToolResult> InvokeAsync(string toolName, string argumentsJson, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var contextName = _options.Clusters.Current;
        var arguments = string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson;
        KubeToolContext? call = null;
        KubeTool? tool = null;
        ToolResult result;
        try
        {
            if (!_byName.TryGetValue(toolName ?? "", out tool))
            {
                result = new ToolResult(UnknownTool(toolName), true, ToolOutcomes.Invalid);
            }
            else
            {
                using var document = JsonDocument.Parse(arguments);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    throw new ToolArgumentException("arguments must be a JSON object.");
                if (root.TryGetProperty("context", out var ctxArg) && ctxArg.ValueKind == JsonValueKind.String)
                    contextName = ctxArg.GetString() ?? contextName;
                contextName = _options.Clusters.Resolve(contextName);
                call = new KubeToolContext
                {
                    Clusters = _options.Clusters,
                    Approver = _options.Approver,
                    Redactor = _options.Redactor,
                    Budget = _budget,
                    Clock = _options.Clock,
                };
                var text = await tool.RunAsync(root, call, ct).ConfigureAwait(false);
                result = call.Decision switch
                {
                    ApprovalDecision.Declined => new ToolResult(text, true, ToolOutcomes.Declined),
                    ApprovalDecision.Denied => new ToolResult(text, true, ToolOutcomes.Denied),
                    _ => new ToolResult(text, false, ToolOutcomes.Ok),
                };
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            result = new ToolResult($"{toolName} was cancelled.", true, ToolOutcomes.Error);
        }
        catch (Exception e)
        {
            result = ToolErrors.ToResult(e, toolName ?? "", contextName, ServerOf(contextName));
        }

        var redacted = _options.Redactor.Redact(result.Text);
        var fitted = _budget.Fit(redacted, result.IsError ? ResultShape.Text : tool?.Shape ?? ResultShape.Text,
            tool?.NarrowingHint ?? "ask for less");
        result = result with { Text = fitted };

        ToolAuditLog.ToolCall(_audit, toolName ?? "", contextName,
            call?.Decision?.ToString().ToLowerInvariant() ?? (tool?.IsWrite == true ? "none" : "read"),
            result.Outcome, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            _options.Redactor.Redact(arguments));
        return result;
    }

    private Uri? ServerOf(string context)
    {
        try
        {
            return _options.Clusters.Client(context).BaseUri;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // unknown context or a kubeconfig entry that cannot make a client: the message says why
        }
    }

    private string UnknownTool(string? name) =>
        $"Unknown tool \"{name}\". Tools: {string.Join(", ", Tools.Select(t => t.Name))}.";
}
