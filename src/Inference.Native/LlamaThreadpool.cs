using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>
/// A persistent set of ggml CPU compute threads. Without one, llama.cpp starts and joins its
/// worker threads on every decode; with one, they live as long as the pool and, between graphs,
/// poll for <see cref="Polling"/> (0 = sleep at once, 100 = spin longest) before sleeping.
/// </summary>
public sealed unsafe class LlamaThreadpool : IDisposable
{
    private LlamaThreadpool(SafeGgmlThreadpoolHandle handle, int threads, int polling)
    {
        Handle = handle;
        Threads = threads;
        Polling = polling;
    }

    public SafeGgmlThreadpoolHandle Handle { get; }

    public int Threads { get; }

    /// <summary>ggml's polling level, 0–100.</summary>
    public int Polling { get; }

    public static LlamaThreadpool Create(int threads, int polling)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(polling);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(polling, 100);
        var device = LlamaNative.ggml_backend_dev_by_type(LlamaNative.GgmlBackendDeviceTypeCpu);
        if (device == nint.Zero)
        {
            throw new LlamaException("No ggml CPU backend is loaded, so no CPU threadpool can be made.");
        }

        var registry = LlamaNative.ggml_backend_dev_backend_reg(device);
        var create = (delegate* unmanaged[Cdecl]<GgmlThreadpoolParams*, nint>)Lookup(registry, "ggml_threadpool_new");
        var free = (delegate* unmanaged[Cdecl]<nint, void>)Lookup(registry, "ggml_threadpool_free");
        var parameters = LlamaNative.ggml_threadpool_params_default(threads);
        parameters.poll = (uint)polling;
        var raw = create(&parameters);
        if (raw == nint.Zero)
        {
            throw new LlamaException($"ggml could not create a threadpool of {threads} threads.");
        }

        return new LlamaThreadpool(new SafeGgmlThreadpoolHandle(raw, free), threads, polling);
    }

    public void Dispose() => Handle.Dispose();

    private static nint Lookup(nint registry, string name)
    {
        var function = LlamaNative.ggml_backend_reg_get_proc_address(registry, name);
        return function != nint.Zero
            ? function
            : throw new LlamaException($"The ggml CPU backend does not export {name}.");
    }
}
