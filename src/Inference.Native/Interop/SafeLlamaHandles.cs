using System.Runtime.InteropServices;

namespace Inference.Native.Interop;

/// <summary>Owns a <c>llama_model*</c>; freed once nothing (no context, no vocab user) holds it.</summary>
public sealed class SafeLlamaModelHandle : SafeHandle
{
    public SafeLlamaModelHandle() : base(nint.Zero, ownsHandle: true) { }

    internal SafeLlamaModelHandle(nint handle) : base(nint.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_model_free(handle);
        return true;
    }
}

/// <summary>
/// Owns a <c>llama_context*</c> and holds a reference on its model's handle, so disposing the
/// model while a context still uses it only drops a count: the weights go when the last user goes.
/// </summary>
public sealed class SafeLlamaContextHandle : SafeHandle
{
    private readonly SafeLlamaModelHandle? _model;
    private SafeHandle? _threadpool;

    public SafeLlamaContextHandle() : base(nint.Zero, ownsHandle: true) { }

    internal SafeLlamaContextHandle(nint handle, SafeLlamaModelHandle model) : base(nint.Zero, ownsHandle: true)
    {
        var added = false;
        model.DangerousAddRef(ref added);
        _model = model;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Holds a reference on the threadpool the context computes on, released after the context is freed.</summary>
    internal void KeepThreadpoolAlive(SafeGgmlThreadpoolHandle threadpool)
    {
        var added = false;
        threadpool.DangerousAddRef(ref added);
        Interlocked.Exchange(ref _threadpool, threadpool)?.DangerousRelease();
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_free(handle);
        _threadpool?.DangerousRelease();
        _model?.DangerousRelease();
        return true;
    }
}

/// <summary>
/// Owns a <c>ggml_threadpool*</c>. The CPU backend is loaded at run time, so its free function is
/// looked up through the backend registry, as llama.cpp's own tools do.
/// </summary>
public sealed unsafe class SafeGgmlThreadpoolHandle : SafeHandle
{
    private readonly delegate* unmanaged[Cdecl]<nint, void> _free;

    public SafeGgmlThreadpoolHandle() : base(nint.Zero, ownsHandle: true) { }

    internal SafeGgmlThreadpoolHandle(nint handle, delegate* unmanaged[Cdecl]<nint, void> free) : base(nint.Zero, ownsHandle: true)
    {
        _free = free;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        _free(handle);
        return true;
    }
}

/// <summary>Owns a sampler chain (<c>llama_sampler*</c>) and every sampler added to it.</summary>
public sealed class SafeLlamaSamplerHandle : SafeHandle
{
    public SafeLlamaSamplerHandle() : base(nint.Zero, ownsHandle: true) { }

    internal SafeLlamaSamplerHandle(nint handle) : base(nint.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_sampler_free(handle);
        return true;
    }
}
