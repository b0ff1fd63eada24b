using System.Diagnostics;
using System.Globalization;

namespace Inference.LoadGenerator;

internal sealed record LoadSettings
{
    public required Uri BaseAddress { get; init; }

    public required string Label { get; init; }

    public string? Model { get; init; }

    public required IReadOnlyList<int> Concurrency { get; init; }

    /// <summary>Requests per level; 0 = max(16, 4 × concurrency).</summary>
    public int Requests { get; init; }

    public int PromptTokens { get; init; } = 106;

    /// <summary>Words per user turn; 0 = calibrate against the server to hit <see cref="PromptTokens"/>.</summary>
    public int PromptWords { get; init; }

    public int SharedPrefixTokens { get; init; }

    public int MaxTokens { get; init; } = 128;

    public int Seed { get; init; } = 42;

    public int? ServerPid { get; init; }

    public TimeSpan LevelTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Keep every request's timeline in the result (vLLM's <c>--save-detailed</c>).</summary>
    public bool SaveDetailed { get; init; }
}

/// <summary>Runs the sweep: calibration, one warm-up request, then every concurrency level.</summary>
internal sealed class LoadRunner(LoadSettings settings, TextWriter log)
{
    private readonly PromptFactory _prompts = new(settings.Seed);

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        using var client = new SseClient(settings.BaseAddress, settings.RequestTimeout);
        await WaitReadyAsync(client, cancellationToken);

        var prefixWords = 0;
        string? prefix = null;
        if (settings.SharedPrefixTokens > 0)
        {
            prefixWords = await CalibratePrefixAsync(client, settings.SharedPrefixTokens, cancellationToken);
            prefix = _prompts.SharedPrefix(prefixWords);
        }

        var words = settings.PromptWords > 0
            ? settings.PromptWords
            : await CalibrateAsync(client, prefix, settings.PromptTokens, cancellationToken);
        log.WriteLine($"[{settings.Label}] user turn: {words} words (target {settings.PromptTokens} prompt tokens){(prefix is null ? "" : $", shared prefix: {prefixWords} words")}");

        // Warm-up: JIT, first allocations, the servers' own first-request paths. Not measured.
        var warm = await client.StreamAsync(SseClient.BuildBody(settings.Model, prefix, _prompts.UserTurn(-1, 0, words), 16, stream: true), cancellationToken);
        if (!warm.Ok)
        {
            throw new InvalidOperationException($"warm-up request failed: {warm.Error}");
        }

        var idle = settings.ServerPid is { } pid ? ProcessMemory.Read(pid) : null;
        var levels = new List<LevelResult>();
        foreach (var concurrency in settings.Concurrency)
        {
            var level = await RunLevelAsync(client, concurrency, words, prefix, cancellationToken);
            levels.Add(level);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{settings.Label}] c={concurrency}: {level.Completed}/{level.Requests} ok, {level.OutputTokensPerSecond:F1} tok/s, TTFT p50 {level.TtftMs.P50:F0} ms, ITL p50 {level.ItlMs.P50:F1} ms"));
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        return new RunResult
        {
            Label = settings.Label,
            Url = settings.BaseAddress.ToString(),
            Model = settings.Model,
            StartedAt = DateTimeOffset.UtcNow,
            PromptWords = words,
            TargetPromptTokens = settings.PromptTokens,
            SharedPrefixWords = prefixWords,
            MaxTokens = settings.MaxTokens,
            Seed = settings.Seed,
            ServerPid = settings.ServerPid,
            IdleServerMemory = idle is { } m ? new MemoryResult(m.VmRss, m.RssAnon, m.RssFile, m.VmHwm) : null,
            Levels = levels,
        };
    }

    private async Task<LevelResult> RunLevelAsync(SseClient client, int concurrency, int words, string? prefix, CancellationToken cancellationToken)
    {
        var count = settings.Requests > 0 ? settings.Requests : Math.Max(16, 4 * concurrency);
        // Bodies are built before the clock starts, so the client's own work stays out of the measurement.
        var bodies = Enumerable.Range(0, count)
            .Select(i => SseClient.BuildBody(settings.Model, prefix, _prompts.UserTurn(concurrency, i, words), settings.MaxTokens, stream: true))
            .ToArray();
        var results = new RequestResult[count];
        var next = -1;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.LevelTimeout);

        await using var sampler = settings.ServerPid is { } pid ? new RssSampler(pid, TimeSpan.FromMilliseconds(100)) : null;
        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                results[index] = await client.StreamAsync(bodies[index], timeout.Token);
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers);
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;

        MemoryResult? memory = null;
        if (sampler is not null)
        {
            await sampler.DisposeAsync();
            memory = new MemoryResult(sampler.PeakRss, sampler.PeakAnon, sampler.PeakFile, sampler.Hwm);
        }

        return Summarize(concurrency, results, start, wall, memory);
    }

    private LevelResult Summarize(int concurrency, RequestResult[] results, long start, double wall, MemoryResult? memory)
    {
        var ok = results.Where(r => r.Ok).ToList();
        var ttft = new List<double>();
        var itl = new List<double>();
        var e2e = new List<double>();
        var tpot = new List<double>();
        var detailed = settings.SaveDetailed ? new List<RequestTimeline>(ok.Count) : null;
        foreach (var r in ok)
        {
            ttft.Add(Ms(r.Start, r.ChunkArrivals[0]));
            e2e.Add(Ms(r.Start, r.End));
            var gaps = new double[r.ChunkArrivals.Count - 1];
            for (var i = 1; i < r.ChunkArrivals.Count; i++)
            {
                gaps[i - 1] = Ms(r.ChunkArrivals[i - 1], r.ChunkArrivals[i]);
            }

            itl.AddRange(gaps);
            detailed?.Add(new RequestTimeline(Ms(start, r.Start), ttft[^1], gaps));

            if (r.OutputTokens > 1)
            {
                tpot.Add(Ms(r.ChunkArrivals[0], r.ChunkArrivals[^1]) / (r.OutputTokens - 1));
            }
        }

        var errors = results.Where(r => !r.Ok).Select(r => r.Error ?? "no output").Distinct().Take(5).ToList();
        var shortOnes = ok.Count(r => r.OutputTokens != settings.MaxTokens);
        if (shortOnes > 0)
        {
            errors.Add($"{shortOnes} requests returned a token count other than max_tokens ({settings.MaxTokens})");
        }

        var tokens = ok.Sum(r => (long)r.OutputTokens);
        var prompts = ok.Where(r => r.PromptTokens >= 0).Select(r => (double)r.PromptTokens).DefaultIfEmpty(double.NaN).Average();
        return new LevelResult
        {
            Concurrency = concurrency,
            Requests = results.Length,
            Completed = ok.Count,
            Failed = results.Length - ok.Count,
            WallSeconds = wall,
            OutputTokens = tokens,
            OutputTokensPerSecond = tokens / wall,
            RequestsPerSecond = ok.Count / wall,
            MeanPromptTokens = prompts,
            TtftMs = Percentiles.Of(ttft),
            ItlMs = Percentiles.Of(itl),
            E2eMs = Percentiles.Of(e2e),
            TpotMs = Percentiles.Of(tpot),
            ServerMemory = memory,
            Errors = errors,
            Detailed = detailed,
        };
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    /// <summary>Words per user turn that make the whole prompt (template included) about <paramref name="target"/> tokens, using the server's own usage counts.</summary>
    private async Task<int> CalibrateAsync(SseClient client, string? prefix, int target, CancellationToken cancellationToken)
    {
        const int few = 8, many = 200;
        var low = await PromptTokensAsync(client, prefix, few, cancellationToken);
        var high = await PromptTokensAsync(client, prefix, many, cancellationToken);
        var perWord = (double)(high - low) / (many - few);
        var words = Math.Max(1, (int)Math.Round(few + ((target - low) / perWord)));
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var actual = await PromptTokensAsync(client, prefix, words, cancellationToken);
            if (actual == target)
            {
                break;
            }

            var step = (int)Math.Round((target - actual) / perWord);
            words = Math.Max(1, words + (step == 0 ? Math.Sign(target - actual) : step));
        }

        return words;
    }

    /// <summary>Words of shared prefix that add about <paramref name="target"/> tokens to the prompt.</summary>
    private async Task<int> CalibratePrefixAsync(SseClient client, int target, CancellationToken cancellationToken)
    {
        var bare = await PromptTokensAsync(client, null, 8, cancellationToken);
        var words = 60 + target / 2;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var added = await PromptTokensAsync(client, _prompts.SharedPrefix(words), 8, cancellationToken) - bare;
            if (Math.Abs(added - target) <= Math.Max(2, target / 100))
            {
                break;
            }

            var perWord = Math.Max(0.5, (double)added / words);
            words = Math.Max(61, words + (int)Math.Round((target - added) / perWord));
        }

        return words;
    }

    /// <summary>Mean prompt tokens (the server's usage count) of a few different user turns of <paramref name="words"/> words.</summary>
    private async Task<int> PromptTokensAsync(SseClient client, string? prefix, int words, CancellationToken cancellationToken)
    {
        const int samples = 4;
        var total = 0;
        for (var i = 0; i < samples; i++)
        {
            // Level 0: no measured level uses these prompts, so a server with a prompt cache gets no head start from them.
            var result = await client.StreamAsync(SseClient.BuildBody(settings.Model, prefix, _prompts.UserTurn(0, i, words), 1, stream: true), cancellationToken);
            if (result.PromptTokens < 0)
            {
                throw new InvalidOperationException($"calibration: the server sent no usage.prompt_tokens ({result.Error ?? "no error"}); pass --prompt-words");
            }

            total += result.PromptTokens;
        }

        return (int)Math.Round((double)total / samples);
    }

    private async Task WaitReadyAsync(SseClient client, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 300);
        while (true)
        {
            try
            {
                using var response = await client.Http.GetAsync(new Uri(client.BaseAddress, "health"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{client.BaseAddress} did not become healthy within 300 s");
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
