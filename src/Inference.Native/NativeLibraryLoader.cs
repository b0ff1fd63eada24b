using System.Reflection;
using System.Runtime.InteropServices;
using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>
/// The one <see cref="NativeLibrary.SetDllImportResolver"/> of the process for llama.cpp:
/// maps the logical names used by <see cref="LlamaNative"/> to the pinned v0.5.0 files in one
/// folder (they find each other through RUNPATH $ORIGIN, so they must stay together).
/// </summary>
public static class NativeLibraryLoader
{
    /// <summary>Overrides the folder that holds libllama / libggml and the ggml backends.</summary>
    public const string NativeDirEnvironmentVariable = "INFERENCE_NATIVE_DIR";

    private static readonly Dictionary<string, string> FileNames = new(StringComparer.Ordinal)
    {
        [LlamaNative.LibLlama] = "libllama.v0.5.0.so",
        [LlamaNative.LibGgml] = "libggml.v0.5.0.so",
        [LlamaNative.LibGgmlBase] = "libggml-base.so",
    };

    private static readonly Lock Gate = new();
    private static string? _directory;

    /// <summary>The folder the libraries were loaded from; set by <see cref="EnsureRegistered"/>.</summary>
    public static string Directory => _directory ?? throw new InvalidOperationException("Native libraries are not registered yet.");

    /// <summary>Registers the resolver once. Returns the folder in use.</summary>
    public static string EnsureRegistered()
    {
        lock (Gate)
        {
            if (_directory is not null)
            {
                return _directory;
            }

            var directory = FindDirectory();
            NativeLibrary.SetDllImportResolver(typeof(LlamaNative).Assembly, Resolve);
            _directory = directory;
            return directory;
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        FileNames.TryGetValue(libraryName, out var file)
            ? NativeLibrary.Load(Path.Combine(Directory, file))
            : nint.Zero;

    /// <summary>Explicit override first, then a CUDA build beside the app, then the CPU build.</summary>
    private static string FindDirectory()
    {
        var candidates = new List<string>();
        var overridden = Environment.GetEnvironmentVariable(NativeDirEnvironmentVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            candidates.Add(overridden);
        }
        else
        {
            var root = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
            candidates.Add(Path.Combine(root, "cuda"));
            candidates.Add(Path.Combine(root, "cpu"));
        }

        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, FileNames[LlamaNative.LibLlama])))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new LlamaException(
            $"llama.cpp v0.5.0 libraries not found (looked in: {string.Join(", ", candidates)}). " +
            $"Build the solution (it fetches them) or set {NativeDirEnvironmentVariable}.");
    }
}
