using System.Diagnostics;
using Inference.Testing;

namespace Inference.Charts.Tests;

/// <summary>
/// Renders charts/inference as `helm template` does: with a real `helm` when one is on PATH, otherwise with the
/// helm-template stand-in of ../shared/tools/helm-template (Go's text/template + sprig, the libraries of Helm's
/// engine), built once into artifacts/tools. The YAML it returns is what the kubectl admission check reuses.
/// </summary>
public sealed class ChartRenderer
{
    public const string ReleaseName = "inference";

    private static readonly Lazy<(ChartRenderer? Renderer, string Problem)> Shared = new(Locate);

    private readonly string _tool;
    private readonly bool _isHelm;

    private ChartRenderer(string tool, bool isHelm)
    {
        _tool = tool;
        _isHelm = isHelm;
    }

    public static string ChartDirectory => Path.Combine(RepositoryPaths.Root, "charts", "inference");

    /// <summary>The values files the chart is checked with: null = the defaults, then examples/*.yaml by name.</summary>
    public static IReadOnlyList<string?> ValuesFiles { get; } = [null, "gpu", "cpu", "agent"];

    /// <summary>The renderer, or null with <see cref="Problem"/> saying why none could be found or built.</summary>
    public static ChartRenderer? Instance => Shared.Value.Renderer;

    public static string Problem => Shared.Value.Problem;

    /// <summary>"helm" or "helm-template stand-in", for messages.</summary>
    public string ToolName => _isHelm ? "helm" : "helm-template stand-in";

    public static string ExampleFile(string name) => Path.Combine(ChartDirectory, "examples", name + ".yaml");

    /// <summary>Renders with an example values file (null = the chart's defaults) and optional --set overrides; throws on failure.</summary>
    public string Render(string? example, params string[] set)
    {
        var result = TryRender(example, set);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"{ToolName} failed ({result.ExitCode}): {result.Error}");
    }

    public RenderResult TryRender(string? example, params string[] set)
    {
        var arguments = new List<string>();
        if (_isHelm)
        {
            arguments.Add("template");
        }

        arguments.AddRange([ReleaseName, ChartDirectory, "--namespace", "default"]);
        if (example is not null)
        {
            arguments.AddRange(["--values", ExampleFile(example)]);
        }

        foreach (var assignment in set)
        {
            arguments.AddRange(["--set", assignment]);
        }

        return Run(_tool, arguments);
    }

    private static (ChartRenderer?, string) Locate()
    {
        if (FindOnPath("helm") is { } helm)
        {
            return (new ChartRenderer(helm, isHelm: true), "");
        }

        var built = Environment.GetEnvironmentVariable("HELM_TEMPLATE");
        if (!string.IsNullOrEmpty(built) && File.Exists(built))
        {
            return (new ChartRenderer(built, isHelm: false), "");
        }

        var buildScript = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "tools", "helm-template", "build.sh"));
        if (!File.Exists(buildScript))
        {
            return (null, $"no helm on PATH and no helm-template stand-in at {buildScript}");
        }

        // build.sh installs its Go packages only as root; otherwise it names them and fails.
        var output = Path.Combine(RepositoryPaths.Root, "artifacts", "tools", "helm-template");
        var build = Run("bash", [buildScript, output]);
        return build.ExitCode == 0 && File.Exists(output)
            ? (new ChartRenderer(output, isHelm: false), "")
            : (null, $"no helm on PATH and the helm-template stand-in did not build: {build.Error.Trim()}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static RenderResult Run(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new RenderResult(process.ExitCode, output, error.Result);
    }
}

public sealed record RenderResult(int ExitCode, string Output, string Error);

/// <summary>A test that needs the chart renderer: skipped with the reason when there is none, failing under CI.</summary>
public sealed class ChartFactAttribute : FactAttribute
{
    public ChartFactAttribute() => Skip = RequiredInput.SkipReason(ChartRenderer.Instance is not null, ChartRenderer.Problem);
}

public sealed class ChartTheoryAttribute : TheoryAttribute
{
    public ChartTheoryAttribute() => Skip = RequiredInput.SkipReason(ChartRenderer.Instance is not null, ChartRenderer.Problem);
}
