using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Chat;

#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK.

namespace Inference.Server.Tests.Integration;

[Collection(ServerCollection.Name)]
public class ChatCompletionTests(ServerFixture fixture)
{
    private static ChatCompletionOptions Greedy(int maxTokens) => new() { MaxOutputTokenCount = maxTokens, Temperature = 0f };

    private int PromptTokenCount(string userText)
    {
        var served = fixture.Served;
        var prompt = served.Chat.Render([new JsonObject { ["role"] = "user", ["content"] = userText }], null, true, null);
        return served.Engine.Tokenizer.Tokenize(prompt, addSpecial: served.Chat.ShouldAddBos(served.Engine.Tokenizer, prompt), parseSpecial: true).Length;
    }

    [Fact]
    public async Task A_chat_completion_reports_usage_equal_to_the_token_counts()
    {
        ChatCompletion completion = await fixture.Chat().CompleteChatAsync([new UserChatMessage("Hello there!")], Greedy(12));

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(fixture.ModelId, completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal(12, completion.Usage.OutputTokenCount);
        Assert.Equal(PromptTokenCount("Hello there!"), completion.Usage.InputTokenCount);
        Assert.Equal(completion.Usage.InputTokenCount + 12, completion.Usage.TotalTokenCount);
        Assert.False(string.IsNullOrEmpty(completion.Content[0].Text));
    }

    [Fact]
    public async Task The_next_turn_of_a_chat_reports_the_prompt_tokens_it_found_in_the_prompt_cache()
    {
        var client = fixture.Chat();
        List<ChatMessage> messages = [new SystemChatMessage("You are a terse assistant for a cluster operator."), new UserChatMessage("Which pods restart?")];
        ChatCompletion first = await client.CompleteChatAsync(messages, Greedy(8));
        messages.Add(new AssistantChatMessage(first.Content[0].Text));
        messages.Add(new UserChatMessage("And why?"));
        ChatCompletion second = await client.CompleteChatAsync(messages, Greedy(8));

        // At least the whole first prompt (system and first user turn) was found in the slot it left behind.
        Assert.InRange(second.Usage.InputTokenDetails.CachedTokenCount, first.Usage.InputTokenCount, second.Usage.InputTokenCount - 1);
    }

    [Fact]
    public async Task A_chat_sharing_a_long_system_prompt_with_a_running_one_reuses_its_cells_and_answers_the_same()
    {
        var client = fixture.Chat();
        var system = new SystemChatMessage(
            "You operate a Kubernetes cluster for the payments team. Stay read-only unless the operator approves a change; " +
            "explain each command before you run it; prefer kubectl get and describe; never delete namespaces; quote logs exactly.");
        List<ChatMessage> running = [system, new UserChatMessage("List the pods that restarted today.")];
        List<ChatMessage> joining = [system, new UserChatMessage("Why is the api deployment not ready?")];

        // The first chat is generating when the second arrives, in another slot. Its first update (the role, with
        // empty content) is sent before its prompt is even prefilled, so wait for output text: its cells exist by then.
        await using var stream = client.CompleteChatStreamingAsync(running, Greedy(48)).GetAsyncEnumerator();
        while (await stream.MoveNextAsync() && !stream.Current.ContentUpdate.Any(part => part.Text.Length > 0))
        {
        }

        ChatCompletion joined = await client.CompleteChatAsync(joining, Greedy(8));
        while (await stream.MoveNextAsync())
        {
        }

        ChatCompletion alone = await fixture.Chat().CompleteChatAsync(joining, Greedy(8));

        Assert.InRange(joined.Usage.InputTokenDetails.CachedTokenCount, 40, joined.Usage.InputTokenCount - 1);
        Assert.Equal(alone.Content[0].Text, joined.Content[0].Text);
    }

    [Fact]
    public async Task Streaming_arrives_in_many_chunks_whose_text_equals_the_non_streamed_answer()
    {
        var client = fixture.Chat();
        ChatCompletion whole = await client.CompleteChatAsync([new UserChatMessage("Tell me a story")], Greedy(24));

        var text = new StringBuilder();
        var contentChunks = 0;
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Tell me a story")], Greedy(24)))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
                contentChunks++;
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.True(contentChunks > 5, $"expected a chunk per token, got {contentChunks}");
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.NotNull(usage);
        Assert.Equal(24, usage!.OutputTokenCount);
    }

    [Fact]
    public async Task A_stop_sequence_ends_the_answer_before_it()
    {
        var client = fixture.Chat();
        ChatCompletion reference = await client.CompleteChatAsync([new UserChatMessage("stop test")], Greedy(30));
        var text = reference.Content[0].Text;
        var stop = text.Substring(text.Length / 2, 2);

        var options = Greedy(30);
        options.StopSequences.Add(stop);
        ChatCompletion stopped = await client.CompleteChatAsync([new UserChatMessage("stop test")], options);

        Assert.Equal(ChatFinishReason.Stop, stopped.FinishReason);
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], stopped.Content.Count == 0 ? "" : stopped.Content[0].Text);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_sampled_answer()
    {
        ChatCompletionOptions Sampled(long seed) => new() { MaxOutputTokenCount = 20, Temperature = 1.2f, TopP = 0.95f, Seed = seed };
        var client = fixture.Chat();

        ChatCompletion a = await client.CompleteChatAsync([new UserChatMessage("seeded")], Sampled(7));
        ChatCompletion b = await client.CompleteChatAsync([new UserChatMessage("seeded")], Sampled(7));
        ChatCompletion c = await client.CompleteChatAsync([new UserChatMessage("seeded")], Sampled(8));

        Assert.Equal(a.Content[0].Text, b.Content[0].Text);
        Assert.NotEqual(a.Content[0].Text, c.Content[0].Text);
    }

    [Fact]
    public async Task Eight_concurrent_streams_give_the_same_answers_as_one_at_a_time()
    {
        var prompts = Enumerable.Range(0, 10).Select(i => $"Question number {i}: what comes next after {i * 7}?").ToArray();
        var client = fixture.Chat();

        var alone = new List<string>();
        foreach (var p in prompts)
        {
            ChatCompletion c = await client.CompleteChatAsync([new UserChatMessage(p)], Greedy(16));
            alone.Add(c.Content[0].Text);
        }

        var concurrent = await Task.WhenAll(prompts.Select(async p =>
        {
            var text = new StringBuilder();
            await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage(p)], Greedy(16)))
            {
                foreach (var part in update.ContentUpdate)
                {
                    text.Append(part.Text);
                }
            }

            return text.ToString();
        }));

        Assert.Equal(alone, concurrent);
        Assert.True(alone.Distinct().Count() > 5);
    }
}
