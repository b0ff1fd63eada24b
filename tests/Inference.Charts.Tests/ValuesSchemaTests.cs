using System.Text.Json;
using Json.Schema;

namespace Inference.Charts.Tests;

/// <summary>values.yaml and every example values file against values.schema.json (as `helm install` checks them).</summary>
public sealed class ValuesSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(ChartRenderer.ChartDirectory, "values.schema.json")));

    private static readonly string[] ValuesFilePaths =
    [
        .. new[] { Path.Combine(ChartRenderer.ChartDirectory, "values.yaml") }
            .Concat(Directory.GetFiles(Path.Combine(ChartRenderer.ChartDirectory, "examples"), "*.yaml"))
            .Select(path => Path.GetRelativePath(ChartRenderer.ChartDirectory, path))
            .Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> ValuesFiles => new(ValuesFilePaths);

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void The_values_file_matches_the_schema(string relativePath)
    {
        var errors = Validate(File.ReadAllText(Path.Combine(ChartRenderer.ChartDirectory, relativePath)));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_examples_cover_gpu_cpu_and_agent() =>
        Assert.Equal(["examples/agent.yaml", "examples/cpu.yaml", "examples/gpu.yaml", "values.yaml"], ValuesFilePaths);

    [Theory]
    [InlineData("gpu:\n  count: \"1\"\n", "/gpu/count")]
    [InlineData("server:\n  port: 8080\n  grpcPort: 50051\n  drainTimeout: 30\n  parallel: 0\n", "/server/parallel")]
    [InlineData("autoscaling:\n  mode: cpu\n", "/autoscaling/mode")]
    [InlineData("gpus: 1\n", "/gpus")]
    [InlineData("model:\n  sha256: abc\n", "/model/sha256")]
    public void A_bad_value_is_rejected_at_its_location(string yaml, string location)
    {
        var errors = Validate(yaml);
        Assert.Contains(errors, e => e.StartsWith(location + ":", StringComparison.Ordinal));
    }

    /// <summary>The schema's complaints as "instance location: message".</summary>
    private static List<string> Validate(string yaml)
    {
        using var document = JsonDocument.Parse(YamlJson.Parse(yaml)!.ToJsonString());
        var result = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))];
    }
}
