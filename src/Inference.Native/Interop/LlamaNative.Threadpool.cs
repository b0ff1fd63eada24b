using System.Runtime.InteropServices;

namespace Inference.Native.Interop;

public static unsafe partial class LlamaNative
{
    /// <summary><c>GGML_BACKEND_DEVICE_TYPE_CPU</c>.</summary>
    public const int GgmlBackendDeviceTypeCpu = 0;

    [LibraryImport(LibGgml)]
    public static partial nint ggml_backend_dev_by_type(int type);

    [LibraryImport(LibGgmlBase)]
    public static partial nint ggml_backend_dev_backend_reg(nint device);

    [LibraryImport(LibGgmlBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ggml_backend_reg_get_proc_address(nint reg, string name);

    [LibraryImport(LibGgmlBase)]
    public static partial GgmlThreadpoolParams ggml_threadpool_params_default(int nThreads);

    [LibraryImport(LibLlama)]
    public static partial void llama_attach_threadpool(SafeLlamaContextHandle ctx, SafeGgmlThreadpoolHandle threadpool, nint threadpoolBatch);

    [LibraryImport(LibLlama)]
    public static partial void llama_detach_threadpool(SafeLlamaContextHandle ctx);
}
