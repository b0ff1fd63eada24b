using System.CommandLine;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Inference.Agent;
using Inference.Server.Cli.Agent;

namespace Inference.Server.Cli;

/// <summary>
/// `inference kube ask "QUESTION" [--output text|json]`: one question, one answer. Text: the tool calls (with
/// arguments and duration) on stderr as they run, the answer streamed to stdout as it is generated. JSON: the answer, every tool call with its
/// result, the token usage and the timing. Non-interactive: a write runs only with --allow-writes and --yes.
/// </summary>
internal static class KubeAskCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="handler">The HTTP handler for the model's requests (tests capture them); default a plain one.</param>
    /// <param name="clock">The tools' clock for ages (tests set the scenario's moment); default the system's.</param>
    public static Command Create(HttpMessageHandler? handler = null, TimeProvider? clock = null)
    {
        var options = new AgentCommandOptions();
        var question = new Argument<string>("question") { Description = "The question, in any language" };
        var output = new Option<string>("--output", "-o") { Description = "text (default) or json: {answer, tool_calls, usage, timing}", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var command = new Command("ask", "Ask the Kubernetes agent one question; the model behind --endpoint calls the cluster tools and answers") { question, output };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var json = parse.GetValue(output) == "json";
            try
            {
                var approver = options.Approver(parse, ask: null, onPreview: p => stderr.WriteLine($"write approved by --yes on {p.Context}: {p.Summary}\n{p.Diff}"));
                await using var host = await options.StartAsync(parse, approver, handler, clock ?? TimeProvider.System, ct, streamAnswer: !json);
                var text = parse.GetValue(question)!;
                var record = new TurnRecord(text);
                var started = Stopwatch.GetTimestamp();
                var streamed = false; // some text is on stdout: it ends with a line break before anything else
                await foreach (var e in host.Agent.AskAsync(text, ct))
                {
                    record.Add(e);
                    if (json)
                        continue;
                    if (e is ToolCallFinished call)
                        await stderr.WriteLineAsync($"→ {call.Tool} {call.Arguments} ({call.Duration.TotalMilliseconds:F0} ms{(call.Repeated ? ", repeated" : "")}{(call.IsError ? ", error" : "")})".AsMemory(), ct);
                    else if (e is AnswerDelta delta)
                    {
                        streamed = true;
                        await stdout.WriteAsync(delta.Text.AsMemory(), ct);
                        await stdout.FlushAsync(ct);
                    }
                }

                if (json)
                    await stdout.WriteLineAsync(record.ToJson(Stopwatch.GetElapsedTime(started)).ToJsonString(Indented).AsMemory(), ct);
                else
                {
                    if (streamed)
                        await stdout.WriteLineAsync();
                    if (!record.Answer!.Streamed)
                        await stdout.WriteLineAsync(record.Answer.Text.AsMemory(), ct);
                }
                return record.Answer!.HitStepLimit ? 1 : 0;
            }
            catch (Exception e) when (AgentErrors.IsUserFacing(e))
            {
                await stderr.WriteLineAsync(AgentErrors.Line(e).AsMemory(), CancellationToken.None);
                return AgentErrors.ExitCode;
            }
        });
        return command;
    }
}
