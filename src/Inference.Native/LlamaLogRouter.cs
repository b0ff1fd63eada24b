using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Inference.Native.Interop;
using Microsoft.Extensions.Logging;

namespace Inference.Native;

/// <summary>
/// Routes llama.cpp / ggml log output to an <see cref="ILogger"/>. llama.cpp emits lines in
/// pieces (GGML_LOG_LEVEL_CONT continues the previous one), so pieces are joined per thread
/// until a newline.
/// </summary>
internal static unsafe class LlamaLogRouter
{
    private static ILogger? _logger;

    [ThreadStatic] private static StringBuilder? _pending;
    [ThreadStatic] private static GgmlLogLevel _pendingLevel;

    public static void Attach(ILogger? logger)
    {
        if (logger is not null)
        {
            _logger = logger;
        }
    }

    public static void Install() => LlamaNative.llama_log_set(&OnLog, nint.Zero);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(GgmlLogLevel level, byte* text, nint userData)
    {
        var logger = _logger;
        if (logger is null || text is null)
        {
            return;
        }

        var piece = Marshal.PtrToStringUTF8((nint)text) ?? "";
        var pending = _pending ??= new StringBuilder();
        if (level != GgmlLogLevel.Cont)
        {
            _pendingLevel = level;
        }

        pending.Append(piece);
        if (!piece.EndsWith('\n'))
        {
            return;
        }

        var line = pending.ToString().TrimEnd('\n');
        pending.Clear();
        var logLevel = _pendingLevel switch
        {
            GgmlLogLevel.Error => LogLevel.Error,
            GgmlLogLevel.Warn => LogLevel.Warning,
            // llama.cpp narrates every load at INFO; that is debug detail for a server.
            GgmlLogLevel.Info => LogLevel.Debug,
            _ => LogLevel.Trace,
        };
        if (line.Length > 0 && logger.IsEnabled(logLevel))
        {
            logger.Log(logLevel, "{NativeLog}", line);
        }
    }
}
