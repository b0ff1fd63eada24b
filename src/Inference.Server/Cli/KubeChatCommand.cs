using System.CommandLine;
using Inference.Agent;
using Inference.Agent.Approvals;
using Inference.Kube.Access;
using Inference.Kube.Safety;
using Inference.Server.Cli.Agent;
using Spectre.Console;

namespace Inference.Server.Cli;

/// <summary>
/// `inference kube chat`: an interactive session with the Kubernetes agent. Each tool call is shown with its arguments
/// and duration, each write with its dry-run diff and "apply? [y/N]" (or "a" for yes to every write this session).
/// The conversation is saved after every answer under the cache directory and can be resumed.
/// </summary>
internal static class KubeChatCommand
{
    private const string Help = "/context [NAME]  /namespace NS  /tools  /save  /sessions  /resume ID  /clear  /exit";

    /// <param name="handler">The HTTP handler for the model's requests; default a plain one.</param>
    /// <param name="clock">The tools' clock; default the system's.</param>
    /// <param name="input">Where the user's lines come from; default stdin.</param>
    public static Command Create(HttpMessageHandler? handler = null, TimeProvider? clock = null, TextReader? input = null)
    {
        var options = new AgentCommandOptions();
        var sessionsDir = new Option<string>("--sessions-dir") { Description = "Where sessions are saved (default: CACHE_DIR/agent-sessions)" };
        var command = new Command("chat", "Talk to the Kubernetes agent: it calls the cluster tools, shows what it does and asks before any change") { sessionsDir };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            // Piped or captured (a transcript, a test): plain text, no spinner, no wrapping at 80 columns.
            var plain = !ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected;
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
                ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
            });
            if (plain)
                console.Profile.Width = 4096;
            var reader = input ?? Console.In;
            // A terminal already shows what the user types; piped or given input is echoed so the transcript reads whole.
            var echo = input is not null || Console.IsInputRedirected;
            try
            {
                var approver = options.Approver(parse, (preview, _) => Task.FromResult(AskApproval(console, reader, echo, preview)),
                    preview => ShowPreview(console, preview, "approved for this session"));
                await using var host = await options.StartAsync(parse, approver, handler, clock ?? TimeProvider.System, ct, streamAnswer: true);
                var store = new AgentSessionStore(parse.GetValue(sessionsDir) ?? Path.Combine(AgentCommandOptions.CacheDir, "agent-sessions"));
                var chat = new ChatSession(console, reader, echo, host, store);
                await chat.RunAsync(ct);
                return 0;
            }
            catch (Exception e) when (AgentErrors.IsUserFacing(e))
            {
                await stderr.WriteLineAsync(AgentErrors.Line(e).AsMemory(), CancellationToken.None);
                return AgentErrors.ExitCode;
            }
        });
        return command;
    }

    private static ApprovalAnswer AskApproval(IAnsiConsole console, TextReader reader, bool echo, WritePreview preview)
    {
        ShowPreview(console, preview, "needs your approval");
        console.Markup("[yellow]apply? [[y/N]] (a = yes for this session)[/] ");
        var line = reader.ReadLine()?.Trim().ToLowerInvariant();
        if (echo || line is null)
            console.WriteLine(line ?? "");
        return line switch
        {
            "y" or "yes" or "是" => ApprovalAnswer.Yes,
            "a" or "all" => ApprovalAnswer.YesForSession,
            _ => ApprovalAnswer.No,
        };
    }

    private static void ShowPreview(IAnsiConsole console, WritePreview preview, string state)
    {
        console.MarkupLine($"[yellow]write on {Markup.Escape(preview.Context)}: {Markup.Escape(preview.Summary)} ({state})[/]");
        console.WriteLine(preview.Diff);
    }

    /// <summary>The read-eval loop: slash commands, or a question for the agent.</summary>
    private sealed class ChatSession(IAnsiConsole console, TextReader reader, bool echo, AgentHost host, AgentSessionStore store)
    {
        private string _id = AgentSessionStore.NewId();

        public async Task RunAsync(CancellationToken ct)
        {
            var agent = host.Agent;
            console.MarkupLine($"[bold]inference kube chat[/]: model [green]{Markup.Escape(host.Brain.Model)}[/] at {Markup.Escape(host.Brain.Endpoint.ToString())}, " +
                               $"context [green]{Markup.Escape(agent.Context)}[/], namespace [green]{Markup.Escape(agent.Namespace ?? "default")}[/], " +
                               (agent.WritesEnabled ? "writes [yellow]enabled[/] (each asks first)" : "read-only (--allow-writes to make changes)"));
            console.MarkupLine($"[grey]{Markup.Escape(Help)}[/]");
            while (!ct.IsCancellationRequested)
            {
                console.Markup("[bold blue]you>[/] ");
                var line = reader.ReadLine();
                if (line is null)
                {
                    console.WriteLine();
                    return;
                }

                line = line.Trim();
                if (echo)
                    console.WriteLine(line);
                if (line.Length == 0)
                    continue;
                if (line.StartsWith('/'))
                {
                    if (!Command(line))
                        return;
                    continue;
                }

                try
                {
                    await TurnAsync(line, ct);
                }
                catch (Exception e) when (AgentErrors.IsUserFacing(e))
                {
                    // One failed question (the model's endpoint refused a step) does not end the session.
                    console.MarkupLine($"[red]{Markup.Escape(AgentErrors.Line(e))}[/]");
                }

                store.Save(_id, agent);
            }
        }

        private async Task TurnAsync(string question, CancellationToken ct)
        {
            var events = host.Agent.AskAsync(question, ct).GetAsyncEnumerator(ct);
            try
            {
                AgentEvent? previous = null;
                while (true)
                {
                    // A spinner while the model thinks; none while a tool runs, as a write may ask for approval then.
                    var next = previous is ToolCallStarted or AnswerDelta || !console.Profile.Capabilities.Interactive
                        ? await events.MoveNextAsync()
                        : await console.Status().StartAsync("thinking…", _ => events.MoveNextAsync().AsTask());
                    if (!next)
                        break;
                    previous = events.Current;
                    Show(events.Current);
                }
            }
            finally
            {
                await events.DisposeAsync();
            }
        }

        private bool _streamed;

        private void Show(AgentEvent e)
        {
            switch (e)
            {
                case AnswerDelta delta:
                    if (!_streamed)
                        console.MarkupLine("[bold green]agent>[/]");
                    _streamed = true;
                    console.Write(delta.Text);
                    break;
                case ModelStepFinished step:
                    if (_streamed)
                    {
                        console.WriteLine();
                        _streamed = false;
                    }

                    console.MarkupLine($"[grey]  model step {step.Step}: {step.Duration.TotalSeconds:F1} s, {step.Usage?.InputTokenCount ?? 0} tokens in, {step.Usage?.OutputTokenCount ?? 0} out[/]");
                    break;
                case ToolCallStarted call:
                    console.MarkupLine($"[cyan]  ⚙ {Markup.Escape(call.Tool)}[/] {Markup.Escape(call.Arguments)}");
                    break;
                case ToolCallFinished done:
                    var first = done.Result.Split('\n', 2)[0];
                    console.MarkupLine(done.IsError
                        ? $"[red]    ✗ {done.Duration.TotalMilliseconds:F0} ms: {Markup.Escape(first)}[/]"
                        : $"[grey]    ✓ {done.Duration.TotalMilliseconds:F0} ms{(done.Repeated ? " (repeated call: earlier result)" : "")}: {Markup.Escape(first)}[/]");
                    break;
                case AgentAnswer answer:
                    if (!answer.Streamed)
                    {
                        console.MarkupLine("[bold green]agent>[/]");
                        console.WriteLine(answer.Text);
                    }

                    _streamed = false;
                    console.MarkupLine($"[grey]  ({answer.Steps} steps, {answer.Usage.InputTokenCount ?? 0} tokens in, {answer.Usage.OutputTokenCount ?? 0} out{(answer.HitStepLimit ? ", step limit reached" : "")})[/]");
                    break;
            }
        }

        /// <summary>Runs one slash command; false ends the session.</summary>
        private bool Command(string line)
        {
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var argument = parts.Length > 1 ? parts[1] : null;
            var agent = host.Agent;
            switch (parts[0])
            {
                case "/exit" or "/quit":
                    return false;
                case "/clear":
                    agent.Clear();
                    _id = AgentSessionStore.NewId();
                    console.MarkupLine("[grey]conversation cleared (a new session starts)[/]");
                    break;
                case "/context" when argument is null:
                    foreach (var name in host.Clusters.Names)
                        console.WriteLine($"{(name == agent.Context ? "*" : " ")} {name}");
                    break;
                case "/context":
                    try
                    {
                        agent.SwitchContext(argument);
                        console.MarkupLine($"[grey]context {Markup.Escape(agent.Context)}, namespace {Markup.Escape(agent.Namespace ?? "default")}[/]");
                    }
                    catch (UnknownContextException e)
                    {
                        console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                    }

                    break;
                case "/namespace" when argument is not null:
                    agent.SwitchNamespace(argument);
                    console.MarkupLine($"[grey]namespace {Markup.Escape(argument)}[/]");
                    break;
                case "/tools":
                    foreach (var tool in host.Toolbox.Tools)
                        console.WriteLine($"{tool.Name,-20}{(tool.IsWrite ? "[write] " : "")}{tool.Description}");
                    break;
                case "/save":
                    console.MarkupLine($"[grey]saved session {Markup.Escape(_id)}: {Markup.Escape(store.Save(_id, agent))}[/]");
                    break;
                case "/sessions":
                    var sessions = store.List();
                    if (sessions.Count == 0)
                        console.MarkupLine("[grey]no saved sessions[/]");
                    foreach (var s in sessions)
                        console.WriteLine($"{s.Id}  {s.Saved:yyyy-MM-dd HH:mm}  {s.Context}  {s.Title}");
                    break;
                case "/resume" when argument is not null:
                    Resume(argument);
                    break;
                default:
                    console.MarkupLine($"[grey]{Markup.Escape(Help)}[/]");
                    break;
            }

            return true;
        }

        private void Resume(string id)
        {
            SavedSession? saved;
            try
            {
                saved = store.Load(id);
            }
            catch (ArgumentException e)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return;
            }

            if (saved is null)
            {
                console.MarkupLine($"[red]no session {Markup.Escape(id)} (/sessions lists them)[/]");
                return;
            }

            var agent = host.Agent;
            try
            {
                agent.SwitchContext(saved.Context);
            }
            catch (UnknownContextException e)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(e.Message)}; staying on {Markup.Escape(agent.Context)}[/]");
            }

            if (saved.Namespace is not null)
                agent.SwitchNamespace(saved.Namespace);
            agent.Restore(saved.Messages);
            _id = saved.Id;
            console.MarkupLine($"[grey]resumed {Markup.Escape(id)}: {saved.Messages.Count(m => m.Role == Microsoft.Extensions.AI.ChatRole.User)} questions, context {Markup.Escape(agent.Context)}[/]");
        }
    }
}
