using Inference.Kube.Testing;
using Inference.Server.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Inference.Agent.EndToEnd.Tests;

/// <summary>
/// `inference kube chat` driven line by line (as through stdin) against our real server with the tiny model and the
/// loopback Kubernetes API test server (a stand-in for kube-apiserver): slash commands, a Chinese question answered
/// within the step limit, the session saved as JSON and listed.
/// </summary>
[Collection(ModelServerCollection.Name)]
public sealed class ChatEndToEndTests(ModelServerFixture server)
{
    [SkippableFact]
    public async Task A_chat_session_runs_commands_answers_and_is_saved()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync("secret-key-missing-canary");
        var scenario = cluster.Scenario!;
        var sessions = Path.Combine(Path.GetTempPath(), $"agent-chat-{Guid.NewGuid():N}");
        using var input = new StringReader(string.Join('\n',
            "/namespace billing", "/context", "/context no-such-context", "/tools", scenario.QuestionZh, "/save", "/sessions", "/clear", "/exit", "never read"));
        try
        {
            var run = await CliRun.RunAsync(KubeChatCommand.Create(clock: new FakeTimeProvider(scenario.Now), input: input),
                "--kubeconfig", cluster.KubeconfigPath, "--endpoint", server.Endpoint.ToString(), "--api-key", ModelServerFixture.ApiKey,
                "--max-steps", "2", "--max-tokens", "3000", "--seed", "7", "--sessions-dir", sessions);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("namespace billing", run.Output, StringComparison.Ordinal);
            Assert.Contains("* default", run.Output, StringComparison.Ordinal);
            Assert.Contains("Unknown context \"no-such-context\"", run.Output, StringComparison.Ordinal);
            Assert.Contains("get_logs", run.Output, StringComparison.Ordinal);
            Assert.Contains("you> " + scenario.QuestionZh, run.Output, StringComparison.Ordinal);
            Assert.Contains("model step 1:", run.Output, StringComparison.Ordinal);
            Assert.Contains("agent>", run.Output, StringComparison.Ordinal);
            Assert.Contains("conversation cleared", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("never read", run.Output, StringComparison.Ordinal);
            var saved = Assert.Single(Directory.GetFiles(sessions, "*.json"));
            Assert.Contains(Path.GetFileNameWithoutExtension(saved) + "  ", run.Output, StringComparison.Ordinal); // listed by /sessions
            var loaded = new AgentSessionStore(sessions).Load(Path.GetFileNameWithoutExtension(saved))!;
            Assert.Equal(scenario.QuestionZh, loaded.Title);
            Assert.Equal("billing", loaded.Namespace);
            foreach (var value in ScenarioSecrets.Forbidden(cluster))
            {
                Assert.DoesNotContain(value, run.Output, StringComparison.Ordinal);
                Assert.DoesNotContain(value, await File.ReadAllTextAsync(saved), StringComparison.Ordinal);
            }
        }
        finally
        {
            if (Directory.Exists(sessions))
                Directory.Delete(sessions, recursive: true);
        }
    }
}
