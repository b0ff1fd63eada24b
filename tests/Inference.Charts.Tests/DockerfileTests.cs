using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inference.Testing;

namespace Inference.Charts.Tests;

/// <summary>
/// The images cannot be built here (no Docker engine), so their Dockerfiles are read: pinned bases, a restore layer,
/// non-root, the cache volume and ports the chart expects.
/// </summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string> Dockerfiles => new("Dockerfile", "Dockerfile.cuda");

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Base_images_are_pinned_to_full_versions(string name)
    {
        var text = Read(name);
        var args = ArgDefault().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var bases = From().Matches(text).Select(m => m.Groups[1].Value)
            .Select(image => image.StartsWith("${", StringComparison.Ordinal) ? args[image[2..^1]] : image)
            .Where(image => !IsStage(text, image))
            .ToList();

        Assert.NotEmpty(bases);
        Assert.All(bases, image => Assert.Matches(@":\d+\.\d+\.\d+", image));
        Assert.DoesNotContain("dotnet-install", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Packages_restore_in_their_own_layer_before_the_sources_arrive(string name)
    {
        var build = Stage(Read(name), "build");
        var restore = build.IndexOf("dotnet restore", StringComparison.Ordinal);
        var sources = build.IndexOf("COPY . .", StringComparison.Ordinal);
        Assert.InRange(restore, 0, sources);
        Assert.Contains("--no-restore", build[sources..], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_image_runs_as_the_charts_user_with_its_cache_and_ports(string name)
    {
        var runtime = Stage(Read(name), "runtime");
        var values = (JsonObject)YamlJson.Parse(File.ReadAllText(Path.Combine(ChartRenderer.ChartDirectory, "values.yaml")))!;
        var user = (long)values["podSecurityContext"]!["runAsUser"]!;
        var cache = (string)values["cache"]!["mountPath"]!;

        Assert.Contains($"USER {user}:{user}", runtime, StringComparison.Ordinal);
        Assert.Contains($"VOLUME [\"{cache}\"]", runtime, StringComparison.Ordinal);
        Assert.Contains($"INFERENCE_CACHE_DIR={cache}", runtime, StringComparison.Ordinal);
        Assert.Contains("EXPOSE 8080 50051", runtime, StringComparison.Ordinal);
        Assert.Contains("INFERENCE_HOST=0.0.0.0", runtime, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cuda_image_takes_dotnet_from_the_runtime_image_requires_the_gpu_and_restores_and_builds_the_cuda_flavor()
    {
        var text = Read("Dockerfile.cuda");
        // cuDNN for ONNX Runtime's CUDA execution provider (embedding models); llama.cpp needs only the CUDA runtime.
        Assert.Matches(@"ARG CUDA_RUNTIME_IMAGE=nvidia/cuda:[\d.]+-cudnn-runtime-ubuntu", text);
        Assert.Contains("COPY --from=dotnet-runtime /usr/share/dotnet /usr/share/dotnet", text, StringComparison.Ordinal);
        Assert.Contains("INFERENCE_REQUIRE_GPU=true", Stage(text, "runtime"), StringComparison.Ordinal);
        // The flavor picks packages (ONNX Runtime GPU) as well as natives, so restore and publish both name it.
        var build = Stage(text, "build");
        Assert.Contains("dotnet restore src/Inference.Server/Inference.Server.csproj -p:LlamaNativeFlavor=cuda", build, StringComparison.Ordinal);
        Assert.Contains("--no-restore -o /app -p:LlamaNativeFlavor=cuda", build, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_context_leaves_out_outputs_natives_and_models()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"));
        Assert.Subset(ignored.ToHashSet(), new HashSet<string> { "**/bin/", "**/obj/", "artifacts/", ".git/", "**/*.gguf" });
    }

    private static string Read(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, name));

    private static bool IsStage(string text, string image) => text.Contains($" AS {image}\n", StringComparison.Ordinal);

    /// <summary>The text of one build stage, from its FROM line to the next.</summary>
    private static string Stage(string text, string name)
    {
        var start = text.IndexOf($" AS {name}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no stage {name}");
        var next = text.IndexOf("\nFROM ", start, StringComparison.Ordinal);
        return next < 0 ? text[start..] : text[start..next];
    }

    [GeneratedRegex(@"^ARG ([A-Z_]+)=(\S+)$", RegexOptions.Multiline)]
    private static partial Regex ArgDefault();

    [GeneratedRegex(@"^FROM (\S+)", RegexOptions.Multiline)]
    private static partial Regex From();
}
