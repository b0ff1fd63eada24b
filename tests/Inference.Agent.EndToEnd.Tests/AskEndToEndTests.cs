using System.Text.Json.Nodes;
using Inference.Grammars;
using Inference.Kube.Testing;
using Inference.Server.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Inference.Agent.EndToEnd.Tests;

/// <summary>
/// `inference kube ask` end to end: our real server on 127.0.0.1 with the generated tiny model (random weights, so
/// the calls it picks are arbitrary, but every step is grammar-forced into a valid call) against the loopback
/// Kubernetes API test server (a stand-in for kube-apiserver) loaded with a scenario whose namespace holds canaries
/// and Secret values. Steps, tokens (every free string in the schemas has a maxLength, so a forced call always closes
/// well under --max-tokens) and randomness (--seed) are bounded so a run is quick on two cores and repeatable.
/// </summary>
[Collection(ModelServerCollection.Name)]
public sealed class AskEndToEndTests(ModelServerFixture server)
{
    private const string Scenario = "secret-key-missing-canary";
    private const int MaxSteps = 4;

    [SkippableFact]
    public async Task Ask_ends_within_the_step_limit_with_valid_calls_no_write_and_nothing_secret_sent_to_the_model()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync(Scenario);
        var scenario = cluster.Scenario!;
        using var capture = new CapturingHandler();
        var api = cluster.Servers.Values.Single();
        api.ClearRequests();

        // Writes are offered (--allow-writes) but not approved (no --yes, not interactive): none may happen.
        var run = await Ask(capture, scenario, scenario.Question, cluster.KubeconfigPath, MaxSteps, "--allow-writes");

        Assert.True(run.ExitCode is 0 or 1, run.ToString()); // 1: the step limit ended the turn
        var result = JsonNode.Parse(run.Output)!.AsObject();
        var steps = result["steps"]!.GetValue<int>();
        Assert.InRange(steps, 1, MaxSteps);
        var completions = capture.Completions;
        Assert.Equal(steps, completions.Count);
        Assert.True(result["usage"]!["input_tokens"]!.GetValue<long>() > 0);

        foreach (var (request, response) in completions)
        {
            var sent = JsonNode.Parse(request)!;
            Assert.Equal("required", sent["tool_choice"]!.GetValue<string>());
            Assert.False(sent["parallel_tool_calls"]!.GetValue<bool>());
            var offered = sent["tools"]!.AsArray().ToDictionary(t => t!["function"]!["name"]!.GetValue<string>(), t => t!["function"]!["parameters"]!);
            Assert.Contains("final_answer", offered.Keys);
            Assert.Contains("scale", offered.Keys);
            var calls = JsonNode.Parse(response)!["choices"]![0]!["message"]!["tool_calls"]!.AsArray();
            var call = Assert.Single(calls);
            {
                var name = call!["function"]!["name"]!.GetValue<string>();
                Assert.True(offered.ContainsKey(name), $"called {name}, which was not offered");
                var arguments = JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>());
                Assert.True(JsonSchemaValidator.Validate(offered[name], arguments).Count == 0, $"{name}: {arguments?.ToJsonString()} against {offered[name].ToJsonString()}");
            }
        }

        Assert.DoesNotContain(api.Requests, r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE"
            && !r.PathAndQuery.Contains("dryRun=All", StringComparison.Ordinal)
            && !r.PathAndQuery.Contains("selfsubjectaccessreviews", StringComparison.Ordinal));
        foreach (var call in result["tool_calls"]!.AsArray().Where(c => c!["tool"]!.GetValue<string>() is "scale" or "patch_resource" or "delete_resource" or "apply_manifest" or "rollout" or "cordon" or "uncordon"))
            Assert.True(call!["is_error"]!.GetValue<bool>(), $"a write ran without approval: {call}");

        var forbidden = ScenarioSecrets.Forbidden(cluster);
        Assert.NotEmpty(forbidden);
        foreach (var (path, request, _) in capture.Exchanges)
            foreach (var value in forbidden)
                Assert.False(JsonText.WithStringsUnescaped(request).Contains(value, StringComparison.Ordinal), $"the request to {path} carries \"{value}\"");
        foreach (var value in forbidden)
            Assert.DoesNotContain(value, run.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_chinese_question_round_trips_intact()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync(Scenario);
        var scenario = cluster.Scenario!;
        using var capture = new CapturingHandler();

        var run = await Ask(capture, scenario, scenario.QuestionZh, cluster.KubeconfigPath, maxSteps: 1);

        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        var (request, _) = Assert.Single(capture.Completions);
        var user = JsonNode.Parse(request)!["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "user");
        Assert.Equal(scenario.QuestionZh, user!["content"]!.GetValue<string>());
        Assert.Equal(scenario.QuestionZh, JsonNode.Parse(run.Output)!["question"]!.GetValue<string>());
        Assert.Contains(scenario.QuestionZh, run.Output, StringComparison.Ordinal); // printed as characters, not \u escapes
    }

    [SkippableFact]
    public async Task A_wrong_api_key_an_unreachable_endpoint_and_an_unknown_context_are_one_line_and_exit_code_2()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync(Scenario);
        var kubeconfig = cluster.KubeconfigPath;
        var command = KubeAskCommand.Create();

        var wrongKey = await CliRun.RunAsync(command, "hi", "--kubeconfig", kubeconfig, "--endpoint", server.Endpoint.ToString(), "--api-key", "wrong");
        var unreachable = await CliRun.RunAsync(command, "hi", "--kubeconfig", kubeconfig, "--endpoint", $"http://127.0.0.1:{ClosedPort()}/v1");
        var unknownContext = await CliRun.RunAsync(command, "hi", "--kubeconfig", kubeconfig, "--endpoint", server.Endpoint.ToString(),
            "--api-key", ModelServerFixture.ApiKey, "--context", "no-such-context");

        foreach (var (run, says) in new[] { (wrongKey, "API key"), (unreachable, "Cannot reach"), (unknownContext, "no-such-context") })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Equal("", run.Output);
            Assert.Single(run.Error.TrimEnd().Split('\n'));
            Assert.Contains(says, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task With_model_path_the_model_runs_in_this_process_and_a_bad_file_is_one_line()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync(Scenario);
        var notAModel = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.gguf");
        await File.WriteAllTextAsync(notAModel, "not a GGUF file");
        try
        {
            var run = await CliRun.RunAsync(KubeAskCommand.Create(clock: new FakeTimeProvider(cluster.Scenario!.Now)),
                "why?", "--output", "json", "--kubeconfig", cluster.KubeconfigPath, "--model-path", Inference.Testing.TestModels.Tiny,
                "--max-steps", "1", "--max-tokens", "3000", "--seed", "7", "--endpoint", "http://127.0.0.1:9/v1");
            var bad = await CliRun.RunAsync(KubeAskCommand.Create(), "why?", "--kubeconfig", cluster.KubeconfigPath, "--model-path", notAModel);

            Assert.True(run.ExitCode is 0 or 1, run.ToString()); // the endpoint given is not listening: the local model answered
            Assert.Equal(1, JsonNode.Parse(run.Output)!["steps"]!.GetValue<int>());
            Assert.Equal(2, bad.ExitCode);
            Assert.Single(bad.Error.TrimEnd().Split('\n'));
            Assert.Contains("not a GGUF file", bad.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notAModel);
        }
    }

    [SkippableFact]
    public async Task Text_output_streams_the_answer_exactly_once()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync(Scenario);
        var scenario = cluster.Scenario!;

        // The random model answers at its first step for some seeds only; the first of a few that does is checked.
        for (var seed = 1; seed <= 6; seed++)
        {
            using var capture = new CapturingHandler();
            var run = await CliRun.RunAsync(KubeAskCommand.Create(capture, new FakeTimeProvider(scenario.Now)),
            [
                scenario.Question, "--kubeconfig", cluster.KubeconfigPath, "--endpoint", server.Endpoint.ToString(),
                "--api-key", ModelServerFixture.ApiKey, "--max-steps", "1", "--max-tokens", "3000",
                "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]);
            if (run.ExitCode == 1)
            {
                Assert.StartsWith("Stopped after 1 step", run.Output, StringComparison.Ordinal);
                continue;
            }

            Assert.Equal(0, run.ExitCode);
            // The text the model sent as final_answer's argument, streamed (server-sent events) and reassembled.
            var (_, response) = Assert.Single(capture.Completions);
            var arguments = string.Concat(response.Split('\n')
                .Where(line => line.StartsWith("data: {", StringComparison.Ordinal))
                .Select(line => JsonNode.Parse(line["data: ".Length..])!["choices"]!.AsArray().FirstOrDefault()?["delta"]?["tool_calls"]?[0]?["function"]?["arguments"]?.GetValue<string>()));
            var answer = JsonNode.Parse(arguments)!["answer"]!.GetValue<string>();
            Assert.Equal(answer + Environment.NewLine, run.Output);
            return;
        }

        Assert.Fail("no seed of 1..6 made the model answer at its first step");
    }

    private Task<CliRun> Ask(CapturingHandler capture, KubeScenario scenario, string question, string kubeconfig, int maxSteps, params string[] more) =>
        CliRun.RunAsync(KubeAskCommand.Create(capture, new FakeTimeProvider(scenario.Now)),
        [
            question, "--output", "json", "--kubeconfig", kubeconfig, "--endpoint", server.Endpoint.ToString(),
            "--api-key", ModelServerFixture.ApiKey, "--max-steps", maxSteps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--max-tokens", "3000", "--seed", "7", .. more,
        ]);

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
