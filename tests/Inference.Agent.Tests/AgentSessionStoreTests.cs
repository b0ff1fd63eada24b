using Microsoft.Extensions.AI;

namespace Inference.Agent.Tests;

/// <summary>Saved chat sessions: a resumed session carries the conversation (tool calls and results included) on.</summary>
public sealed class AgentSessionStoreTests
{
    [SkippableFact]
    public async Task A_saved_session_resumes_with_its_conversation_context_and_namespace()
    {
        var brain = ScriptedBrain.Steps(
            ScriptedBrain.Call("get_resource", """{"kind":"deployment","name":"checkout","namespace":"shop"}"""),
            ScriptedBrain.Answer("checkout 的镜像是 shop/checkout"),
            ScriptedBrain.Answer("still here"));
        await using var session = await AgentSession.StartAsync("crashloop-missing-env", brain);
        session.Agent.SwitchNamespace("shop");
        await session.AskAsync("checkout 用的是哪个镜像？");
        var store = new AgentSessionStore(Path.Combine(Path.GetTempPath(), "agent-sessions-" + Guid.NewGuid().ToString("N")));
        try
        {
            store.Save("s1", session.Agent);
            await File.WriteAllTextAsync(Path.Combine(store.Directory, "damaged.json"), "{\"Id\": [not json");
            var saved = session.Agent.History.Skip(1).ToList();
            session.Agent.Clear();
            Assert.Single(session.Agent.History);

            var loaded = Assert.Single(store.List());
            Assert.Equal("checkout 用的是哪个镜像？", loaded.Title);
            Assert.Equal("shop", loaded.Namespace);
            session.Agent.Restore(store.Load("s1")!.Messages);
            await session.AskAsync("and now?");

            var resent = brain.Requests[^1].Messages;
            Assert.Equal(ChatRole.System, resent[0].Role);
            Assert.Equal(saved.Count + 2, resent.Count);
            Assert.Equal(saved.Select(m => m.Role), resent.Skip(1).Take(saved.Count).Select(m => m.Role));
            Assert.Contains(resent.SelectMany(m => m.Contents).OfType<FunctionCallContent>(), c => c.Name == "get_resource");
            Assert.Contains(resent.SelectMany(m => m.Contents).OfType<FunctionResultContent>(),
                r => r.Result?.ToString()?.Contains("checkout", StringComparison.Ordinal) == true);
            Assert.Null(store.Load("missing"));
            Assert.NotEqual(AgentSessionStore.NewId(), AgentSessionStore.NewId()); // two sessions started in one second
            Assert.Throws<ArgumentException>(() => store.Load("../etc/passwd"));
        }
        finally
        {
            if (Directory.Exists(store.Directory))
                Directory.Delete(store.Directory, recursive: true);
        }
    }
}
