using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Inference.Kube.Formatting;

namespace Inference.Kube.Tools.Read;

internal sealed partial class GetLogsTool : KubeTool
{
    // Logs larger than this are cut by the API server (kubectl has no default; a model never needs more).
    private const int LimitBytes = 16 * 1024 * 1024;

    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("pod", "pod name", required: true)
        .String("namespace", "namespace; default: the context's namespace")
        .String("container", "container name; default: the pod's default or only container")
        .Boolean("previous", "logs of the previous (crashed) instance of the container")
        .Integer("tail", "only the last N lines")
        .String("since", "only lines newer than this, e.g. 30s, 10m, 2h")
        .String("grep", "only lines matching this text or regular expression (case-insensitive)")
        .Build();

    public override string Name => "get_logs";

    public override string Description =>
        "Container logs of a pod (newest lines that fit; previous=true for the crashed instance), optionally filtered.";

    public override JsonElement Parameters => Schema;

    public override ResultShape Shape => ResultShape.Log;

    public override string NarrowingHint => "use tail, since or grep to see other lines";

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var api = ReadHelpers.Api(context, args);
        var pod = args.RequiredString("pod");
        if (pod.StartsWith("pod/", StringComparison.OrdinalIgnoreCase) || pod.StartsWith("pods/", StringComparison.OrdinalIgnoreCase))
            pod = pod[(pod.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var ns = ReadHelpers.Namespace(context, args, api);
        await ReadHelpers.GuardSecretsAsync(context, api, ns, ct).ConfigureAwait(false);
        var previous = args.Bool("previous");
        var tail = args.Int("tail", min: 1);
        var since = args.String("since") is { } s ? ParseDuration(s) : (int?)null;
        var grep = args.String("grep") is { } g ? Matcher(g) : null;

        var podType = await api.ResolveAsync("pods", ct).ConfigureAwait(false);
        var podObject = await ReadHelpers.GetAsync(api, podType, ns, pod, ct).ConfigureAwait(false);
        var containers = podObject.Objects("spec.containers").Select(c => c.Str("name")).OfType<string>()
            .Concat(podObject.Objects("spec.initContainers").Select(c => c.Str("name")).OfType<string>())
            .ToList();
        var container = args.String("container");
        var note = "";
        if (container is null)
        {
            var fromAnnotation = podObject.Map("metadata.annotations")
                .FirstOrDefault(a => a.Key == "kubectl.kubernetes.io/default-container").Value?.ToString();
            container = fromAnnotation ?? containers.FirstOrDefault()
                ?? throw new ToolArgumentException($"pod {pod} has no containers.");
            if (containers.Count > 1)
                note = $" (defaulted; the pod's containers: {string.Join(", ", containers)})";
        }
        else if (!containers.Contains(container))
        {
            throw new ToolArgumentException(
                $"pod {ns}/{pod} has no container \"{container}\"; its containers: {string.Join(", ", containers)}.");
        }

        string text;
        try
        {
            text = await api.GetTextAsync($"{podType.ObjectPath(ns, pod)}/log", new Dictionary<string, string?>
            {
                ["container"] = container,
                ["previous"] = previous ? "true" : null,
                ["tailLines"] = tail?.ToString(CultureInfo.InvariantCulture),
                ["sinceSeconds"] = since?.ToString(CultureInfo.InvariantCulture),
                ["limitBytes"] = LimitBytes.ToString(CultureInfo.InvariantCulture),
            }, "text/plain", ct).ConfigureAwait(false);
        }
        catch (Access.KubeApiException e) when (e.StatusCode == 400)
        {
            // The kubelet's answer for a container that never ran (or has no previous instance): not a failure of
            // the tool, and the reason is what the model needs.
            return $"No logs for pod {ns}/{pod}, container {container}{(previous ? " (previous instance)" : "")}: {e.Message}. "
                + "describe_resource on the pod shows why the container has not run.";
        }

        var lines = text.Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0)
            lines = lines[..^1];
        var total = lines.Length;
        if (grep is not null)
            lines = lines.Where(grep).ToArray();

        var footer = new StringBuilder("[pod ").Append(ns).Append('/').Append(pod).Append(", container ").Append(container)
            .Append(note).Append(previous ? ", previous instance" : "").Append(CultureInfo.InvariantCulture, $", {total} lines");
        if (grep is not null)
            footer.Append(CultureInfo.InvariantCulture, $", {lines.Length} matching \"{args.String("grep")}\"");
        footer.Append(']');
        if (lines.Length == 0)
            return (total == 0 ? "The log is empty.\n" : "No line matches.\n") + footer;
        return string.Join('\n', lines) + "\n" + footer;
    }

    private static Func<string, bool> Matcher(string pattern)
    {
        try
        {
            var regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            return line => regex.IsMatch(line);
        }
        catch (ArgumentException)
        {
            return line => line.Contains(pattern, StringComparison.OrdinalIgnoreCase); // not a valid regex: plain text
        }
    }

    /// <summary>Go-style durations as kubectl's --since takes them: 90s, 10m, 2h, 1h30m; a bare number is seconds.</summary>
    public static int ParseDuration(string text)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bare) && bare > 0)
            return bare;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || match.Length == 0)
            throw new ToolArgumentException($"\"since\" must be a duration like 30s, 10m, 2h or 1h30m (got \"{text}\").");
        var seconds = 0L;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var number = long.Parse(part.Value[..^1], CultureInfo.InvariantCulture);
            seconds += part.Value[^1] switch { 'h' => number * 3600, 'm' => number * 60, _ => number };
        }

        return (int)Math.Clamp(seconds, 1, int.MaxValue);
    }

    [GeneratedRegex(@"^(?<part>\d+[hms])+$")]
    private static partial Regex DurationPattern();
}
