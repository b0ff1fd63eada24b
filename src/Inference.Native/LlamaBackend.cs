using System.Runtime.InteropServices;
using Inference.Native.Interop;
using Microsoft.Extensions.Logging;

namespace Inference.Native;

/// <summary>
/// Process-wide llama.cpp start-up: resolver, ggml backends from our native folder (the CPU
/// variant is picked at run time, CUDA when present), log routing, and the self-check that
/// refuses to run against anything but the pinned release.
/// </summary>
public static class LlamaBackend
{
    /// <summary>The llama.cpp release this binding mirrors (llama.h of tag v0.5.0).</summary>
    public const string PinnedVersion = "0.5.0";

    private static readonly Lock Gate = new();
    private static bool _initialized;

    /// <summary>Initializes once; later calls only swap the log destination.</summary>
    public static void Initialize(ILoggerFactory? loggerFactory = null)
    {
        lock (Gate)
        {
            LlamaLogRouter.Attach(loggerFactory?.CreateLogger("llama.cpp"));
            if (_initialized)
            {
                return;
            }

            var directory = NativeLibraryLoader.EnsureRegistered();
            LlamaSelfCheck.Run();
            LlamaLogRouter.Install();
            LlamaNative.ggml_backend_load_all_from_path(directory);
            LlamaNative.llama_backend_init();
            _initialized = true;
        }
    }

    /// <summary>The version string the loaded library reports (e.g. "0.5.0-dev").</summary>
    public static string Version
    {
        get
        {
            NativeLibraryLoader.EnsureRegistered();
            return Marshal.PtrToStringUTF8(LlamaNative.llama_version()) ?? "";
        }
    }

    /// <summary>llama.cpp's system info line (SIMD features of the chosen CPU backend).</summary>
    public static string SystemInfo
    {
        get
        {
            Initialize();
            return Marshal.PtrToStringUTF8(LlamaNative.llama_print_system_info()) ?? "";
        }
    }

    public static bool SupportsGpuOffload
    {
        get
        {
            Initialize();
            return LlamaNative.llama_supports_gpu_offload();
        }
    }

    public static bool SupportsMmap
    {
        get
        {
            Initialize();
            return LlamaNative.llama_supports_mmap();
        }
    }

    public static int MaxParallelSequences
    {
        get
        {
            Initialize();
            return (int)LlamaNative.llama_max_parallel_sequences();
        }
    }

    /// <summary>Names and descriptions of the ggml devices that loaded (CPU, CUDA0, ...).</summary>
    public static IReadOnlyList<(string Name, string Description)> Devices
    {
        get
        {
            Initialize();
            var count = (int)LlamaNative.ggml_backend_dev_count();
            var devices = new List<(string, string)>(count);
            for (var i = 0; i < count; i++)
            {
                var device = LlamaNative.ggml_backend_dev_get((nuint)i);
                devices.Add((
                    Marshal.PtrToStringUTF8(LlamaNative.ggml_backend_dev_name(device)) ?? "",
                    Marshal.PtrToStringUTF8(LlamaNative.ggml_backend_dev_description(device)) ?? ""));
            }

            return devices;
        }
    }

    /// <summary>The loaded devices of type GPU (a CUDA device each): empty on a CPU build, or when the CUDA backend finds no usable device.</summary>
    public static IReadOnlyList<(string Name, string Description)> GpuDevices
    {
        get
        {
            Initialize();
            var gpus = new List<(string, string)>();
            for (nuint i = 0; i < LlamaNative.ggml_backend_dev_count(); i++)
            {
                var device = LlamaNative.ggml_backend_dev_get(i);
                if (LlamaNative.ggml_backend_dev_type(device) == LlamaNative.GgmlBackendDeviceTypeGpu)
                {
                    gpus.Add((
                        Marshal.PtrToStringUTF8(LlamaNative.ggml_backend_dev_name(device)) ?? "",
                        Marshal.PtrToStringUTF8(LlamaNative.ggml_backend_dev_description(device)) ?? ""));
                }
            }

            return gpus;
        }
    }

    /// <summary>Microseconds on llama.cpp's clock.</summary>
    public static long TimeMicroseconds => LlamaNative.llama_time_us();
}
