using System.Globalization;

namespace Inference.LoadGenerator;

/// <summary>Memory of the server process, read from /proc/PID/status.</summary>
internal readonly record struct ProcessMemory(long VmRss, long VmHwm, long RssAnon, long RssFile)
{
    public static ProcessMemory? Read(int pid)
    {
        try
        {
            long rss = 0, hwm = 0, anon = 0, file = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line);
                }
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    anon = Kilobytes(line);
                }
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                {
                    file = Kilobytes(line);
                }
            }

            return new ProcessMemory(rss, hwm, anon, file);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>Samples a process's memory every <c>interval</c> while a level runs and keeps the peaks.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RssSampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        Sample();
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    Sample();
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public long PeakRss { get; private set; }

    public long PeakAnon { get; private set; }

    public long PeakFile { get; private set; }

    public long Hwm { get; private set; }

    private void Sample()
    {
        if (ProcessMemory.Read(_pid) is not { } memory)
        {
            return;
        }

        PeakRss = Math.Max(PeakRss, memory.VmRss);
        PeakAnon = Math.Max(PeakAnon, memory.RssAnon);
        PeakFile = Math.Max(PeakFile, memory.RssFile);
        Hwm = Math.Max(Hwm, memory.VmHwm);
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        await _loop;
        Sample();
        _stop.Dispose();
    }
}
