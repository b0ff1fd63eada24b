using Inference.Server.Hosting;
using Spectre.Console;

namespace Inference.Server.Cli;

/// <summary>
/// Shows a pull's progress: a progress bar on a terminal, and plain lines (every 10 %, or every 256 MiB when the size
/// is unknown) when the output goes to a file or a container log.
/// </summary>
internal static class PullProgressView
{
    private const long UnknownSizeStep = 256L << 20;

    /// <summary>Widest label beside the bar: a long path or URL would otherwise squeeze the bar off an 80-column terminal.</summary>
    private const int MaxBarTitle = 32;

    public static Task<T> RunAsync<T>(string title, Func<IProgress<DownloadProgress>, Task<T>> pull) =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
            ? WithProgressBarAsync(title, pull)
            : pull(new PlainLines(title));

    private static async Task<T> WithProgressBarAsync<T>(string title, Func<IProgress<DownloadProgress>, Task<T>> pull)
    {
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(BarTitle(title)), maxValue: 1);
                task.IsIndeterminate = true;
                result = await pull(new Callback(p =>
                {
                    if (p.Total is { } total && total > 0)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = total;
                    }

                    task.Value = p.Received;
                }));
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return result;
    }

    /// <summary>The file name of the reference (path, URL or hf:), cut to <see cref="MaxBarTitle"/> characters.</summary>
    internal static string BarTitle(string reference)
    {
        var name = reference[(reference.LastIndexOfAny(['/', '\\', ':']) + 1)..];
        name = name.Length == 0 ? reference : name;
        return name.Length <= MaxBarTitle ? name : name[..(MaxBarTitle - 1)] + "…";
    }

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Callback(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }

    private sealed class PlainLines(string title) : IProgress<DownloadProgress>
    {
        private long _lastStep = -1;

        public void Report(DownloadProgress value)
        {
            var step = value.Total is { } total and > 0 ? value.Received * 10 / total : value.Received / UnknownSizeStep;
            if (step == _lastStep)
            {
                return;
            }

            _lastStep = step;
            Console.WriteLine(value.Total is { } size and > 0
                ? $"pull: {title}: {step * 10}% ({Mib(value.Received)} of {Mib(size)} MiB)"
                : $"pull: {title}: {Mib(value.Received)} MiB");
        }

        private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }
}
