using System.CommandLine;
using Inference.Kube.Access;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Findings;
using Inference.Kube.Analysis.Rendering;
using Inference.Kube.Safety;
using Inference.Kube.Tools;
using Inference.Kube.Troubleshooting;
using Spectre.Console;

namespace Inference.Server.Cli;

/// <summary>
/// `inference kube analyze [-n NS | -A] [--kind K,...] [--output text|json]`: the deterministic analyzers over a live
/// cluster, no model. Text is grouped by namespace and coloured on a terminal (plain when redirected); JSON is
/// <see cref="FindingsJson"/>. Exit code 0 whether or not problems are found; 2 for a bad context, namespace or kind,
/// or a cluster that cannot be reached.
/// </summary>
internal static class KubeAnalyzeCommand
{
    // Redirected text is not wrapped: a log line in the evidence stays one line for grep.
    private const int RedirectedWidth = 4096;

    public static Command Create(TimeProvider clock)
    {
        var session = new KubeSessionOptions();
        var ns = new Option<string>("--namespace", "-n") { Description = "Namespace to analyze (default: the context's namespace)" };
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "Analyze every namespace" };
        var kinds = new Option<string[]>("--kind") { Description = "Only these kinds, comma-separated or repeated (Pod,Service,Ingress,...)", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output", "-o") { Description = "text (default) or json: {\"findings\":[{object, parents, severity, message, evidence, fix, ...}]}", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var command = new Command("analyze", "Find problems in a cluster with deterministic checks (no model): one finding per root cause and workload, with evidence and a fix")
        {
            ns, all, kinds, output, session.Kubeconfig, session.Context,
        };
        command.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            string? contextName = null;
            Uri? server = null;
            try
            {
                if (parse.GetValue(all) && parse.GetValue(ns) is not null)
                {
                    await stderr.WriteLineAsync("Use -n NAMESPACE or -A, not both.".AsMemory(), ct);
                    return 2;
                }

                var kindSet = AnalyzerKinds.Parse(parse.GetValue(kinds));
                using var clusters = session.LoadClusters(parse);
                contextName = clusters.Resolve(parse.GetValue(session.Context));
                server = clusters.Client(contextName).BaseUri;
                var scope = parse.GetValue(all) ? null : parse.GetValue(ns) ?? clusters.DefaultNamespace(contextName) ?? "default";
                var redactor = new Redactor();
                var snapshot = await TroubleshootingSnapshot.LoadAsync(clusters, contextName, scope, redactor, clock.GetUtcNow(), ct: ct);
                var findings = await new ClusterAnalyzer().AnalyzeAsync(snapshot, new AnalyzeOptions
                {
                    Namespaces = scope is null ? null : new HashSet<string>(StringComparer.Ordinal) { scope },
                    Kinds = kindSet,
                    Redact = redactor.Redact,
                }, ct);
                if (parse.GetValue(output) == "json")
                    await stdout.WriteLineAsync(FindingsJson.Serialize(findings, indented: true).AsMemory(), ct);
                else
                    WriteText(stdout, findings, scope is null ? "all namespaces" : $"namespace {scope}", contextName);
                return 0;
            }
            catch (Exception e) when (KubeSessionOptions.IsUsageError(e))
            {
                await stderr.WriteLineAsync(e.Message.ReplaceLineEndings(" ").AsMemory(), ct);
                return 2;
            }
            catch (Exception e) when (e is HttpRequestException or KubeApiException or k8s.Autorest.HttpOperationException
                                          || e is TaskCanceledException && !ct.IsCancellationRequested)
            {
                var reason = e is k8s.Autorest.HttpOperationException http ? $"{(int)http.Response.StatusCode} {http.Response.ReasonPhrase}" : Innermost(e).Message;
                await stderr.WriteLineAsync($"Cannot analyze the cluster of context \"{contextName}\" at {server}: {reason}".ReplaceLineEndings(" ").AsMemory(), ct);
                return 2;
            }
        });
        return command;
    }

    private static void WriteText(TextWriter writer, IReadOnlyList<Finding> findings, string scope, string context)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = RedirectedWidth;

        if (findings.Count == 0)
        {
            console.MarkupLineInterpolated($"[green]No problems found[/] in {scope} (context {context}).");
            return;
        }

        var counts = string.Join(", ", findings.GroupBy(f => f.Severity).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        console.MarkupLineInterpolated($"[bold]{findings.Count} {(findings.Count == 1 ? "finding" : "findings")}[/] ({counts}) in {scope} (context {context})");
        foreach (var group in findings.GroupBy(f => f.Object.Namespace).OrderBy(g => g.Key is not null).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            console.WriteLine();
            console.MarkupLineInterpolated($"[bold underline]{(group.Key is null ? "cluster-scoped" : $"namespace {group.Key}")}[/]");
            foreach (var f in group.OrderBy(f => f.Severity))
            {
                var parents = f.Parents.Count > 0 ? $" (in {string.Join(" → ", f.Parents)})" : "";
                console.MarkupLine($"  [{Colour(f.Severity)}]{Markup.Escape(FindingsTextRenderer.Label(f.Severity))}[/] [bold]{Markup.Escape(f.Object.ToString())}[/]{Markup.Escape(parents)}: {Markup.Escape(f.Message)}");
                foreach (var evidence in f.Evidence)
                    console.MarkupLineInterpolated($"    [grey]- {evidence}[/]");
                console.MarkupLineInterpolated($"    [green]fix:[/] {f.Fix}");
                if (f.Related.Count > 0)
                    console.MarkupLineInterpolated($"    [grey]related: {string.Join(", ", f.Related.Take(10))}{(f.Related.Count > 10 ? ", …" : "")}[/]");
            }
        }
    }

    private static string Colour(Severity severity) => severity switch
    {
        Severity.Critical => "red bold",
        Severity.Warning => "yellow",
        _ => "blue",
    };

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }
}
