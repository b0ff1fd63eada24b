using Inference.Native;

namespace Inference.Server.Hosting;

/// <summary>
/// `serve --require-gpu`: on a GPU node, a server whose CUDA backend finds no device (driver missing or broken, the CPU
/// image, no device plugin) must fail at start rather than run as a slow CPU server that looks healthy.
/// </summary>
public static class GpuRequirement
{
    public const int ExitCode = 3;

    /// <summary>Null when llama.cpp sees at least one GPU, otherwise the message to print.</summary>
    public static string? Problem()
    {
        if (LlamaBackend.GpuDevices.Count > 0)
        {
            return null;
        }

        var devices = string.Join(", ", LlamaBackend.Devices.Select(d => $"{d.Name} ({d.Description})"));
        return "--require-gpu: llama.cpp found no GPU, only: " + (devices.Length > 0 ? devices : "no device") + ". " +
               "Check that this is the CUDA build (Dockerfile.cuda, -p:LlamaNativeFlavor=cuda), that the NVIDIA driver works on the node " +
               "(nvidia-smi) and that the pod was given a GPU (nvidia.com/gpu limit, runtimeClassName); or drop --require-gpu to serve on the CPU.";
    }
}
