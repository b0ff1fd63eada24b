using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Kube.Analysis.Events;
using Inference.Kube.Formatting;

namespace Inference.Kube.Tools.Read;

internal sealed class GetResourceTool : KubeTool
{
    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("kind", "resource type: kind, plural or short name (pod, deploy, cm, a CRD)", required: true)
        .String("name", "object name (or kind/name)", required: true)
        .String("namespace", "namespace; default: the context's namespace")
        .String("output", "yaml (default) or summary", false, "yaml", "summary")
        .Build();

    public override string Name => "get_resource";

    public override string Description =>
        "Get one object as YAML (without managedFields; Secrets show keys and sizes only) or as a short summary.";

    public override JsonElement Parameters => Schema;

    public override string NarrowingHint => "use output=summary, or describe_resource";

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var output = args.String("output") ?? "yaml";
        if (output is not ("yaml" or "summary"))
            throw new ToolArgumentException("\"output\" must be yaml or summary.");
        var api = ReadHelpers.Api(context, args);
        var (type, _, obj) = await ReadHelpers.GetNamedAsync(context, args, api, ct).ConfigureAwait(false);
        obj["apiVersion"] ??= type.ApiVersion;
        obj["kind"] ??= type.Kind;
        var clean = ObjectSanitizer.Sanitize(obj, context.Redactor);
        return output == "yaml" ? Yaml.Write(clean) : Summary(clean, type.Kind, context.Clock.GetUtcNow());
    }

    private static string Summary(JsonObject obj, string kind, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append(kind).Append(' ').Append(obj.Namespace() is { } ns ? ns + "/" : "").Append(obj.Name())
            .Append(", age ").Append(Age.Since(obj.Time("metadata.creationTimestamp"), now)).Append('\n');
        var columns = KindColumns.For(kind);
        var row = columns.Row(obj, now);
        for (var i = 1; i < columns.Header.Length && i < row.Length; i++)
            if (columns.Header[i] != "AGE")
                text.Append(columns.Header[i]).Append(": ").Append(row[i]).Append('\n');
        if (obj.Map("metadata.labels").Any())
            text.Append("Labels: ").Append(KindColumns.Pairs(obj.Map("metadata.labels"))).Append('\n');
        foreach (var owner in obj.Objects("metadata.ownerReferences"))
            text.Append("Owner: ").Append(owner.Str("kind")).Append('/').Append(owner.Str("name")).Append('\n');
        foreach (var condition in obj.Objects("status.conditions"))
        {
            text.Append("Condition ").Append(condition.Str("type")).Append('=').Append(condition.Str("status"));
            if (condition.Str("reason") is { } reason)
                text.Append(" (").Append(reason).Append(')');
            if (condition.Str("message") is { } message)
                text.Append(": ").Append(message);
            text.Append('\n');
        }

        return text.ToString().TrimEnd();
    }
}
