using Inference.Native;
using Inference.Server.Hosting;

namespace Inference.Server.Tests.Cli;

/// <summary>`serve --require-gpu` on a machine where llama.cpp finds no GPU (this CPU build): exit at start with the reason.</summary>
public sealed class RequireGpuTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_a_gpu_the_server_refuses_to_start(bool fromEnvironment)
    {
        Assert.Empty(LlamaBackend.GpuDevices); // the premise: the test machine's build and hardware have no GPU

        var arguments = new List<string> { "serve", "--port", "0", "--grpc-port", "0" };
        var environment = new Dictionary<string, string>();
        if (fromEnvironment)
        {
            environment["INFERENCE_REQUIRE_GPU"] = "true";
        }
        else
        {
            arguments.Add("--require-gpu");
        }

        var result = await InferenceProcess.RunAsync(arguments, environment);

        Assert.True(result.ExitCode == GpuRequirement.ExitCode, result.ToString());
        Assert.Contains("--require-gpu: llama.cpp found no GPU, only: CPU", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Output, StringComparison.Ordinal);
    }
}
