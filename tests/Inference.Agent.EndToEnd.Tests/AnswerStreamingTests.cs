using System.Text;
using Inference.Agent.Brains;
using Inference.Kube.Access;
using Inference.Kube.Testing;
using Inference.Kube.Tools;

namespace Inference.Agent.EndToEnd.Tests;

/// <summary>
/// The answer streamed as it is generated (what `kube chat` prints), from our real server on 127.0.0.1 with the tiny
/// model, against the loopback Kubernetes API test server (a stand-in for kube-apiserver): the deltas of a
/// grammar-forced final_answer call add up to the answer exactly.
/// </summary>
[Collection(ModelServerCollection.Name)]
public sealed class AnswerStreamingTests(ModelServerFixture server)
{
    [SkippableFact]
    public async Task The_streamed_deltas_add_up_to_the_final_answer()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync("crashloop-missing-env");
        using var clusters = KubeContexts.Load(cluster.KubeconfigPath);
        var brain = await BrainEndpoint.ConnectAsync(server.Endpoint, ModelServerFixture.ApiKey, model: null);
        using var chat = brain.Chat;
        var toolbox = KubeToolbox.Create(new KubeToolboxOptions { Clusters = clusters });

        // The random model picks final_answer at its first step for some seeds only (seed 2 here, see the agent's
        // benchmark); the first of a few seeds that does is the one checked.
        for (var seed = 1; seed <= 6; seed++)
        {
            var agent = new KubeAgent(chat, toolbox, clusters, new KubeAgentOptions
            {
                MaxSteps = 1, MaxOutputTokens = 3000, Seed = seed, RequireToolCall = true, StreamAnswer = true, ContextTokens = 8192,
            });
            var streamed = new StringBuilder();
            AgentAnswer? answer = null;
            await foreach (var e in agent.AskAsync(cluster.Scenario!.Question))
            {
                if (e is AnswerDelta delta)
                    streamed.Append(delta.Text);
                answer = e as AgentAnswer ?? answer;
            }

            if (answer!.HitStepLimit)
            {
                Assert.Equal(0, streamed.Length); // not final_answer: nothing was passed on as the answer
                continue;
            }

            Assert.True(answer.Text.Length > 0);
            Assert.Equal(answer.Text, streamed.ToString());
            return;
        }

        Assert.Fail("no seed of 1..6 made the model answer at its first step");
    }
}
