using System.ClientModel.Primitives;
using System.Text;
using Inference.Server.OpenAi;
using OpenAI.Chat;

namespace Inference.Server.Tests.Protocol;

public class ResponseSerializationTests
{
    private static ChatCompletionResponse ChatResponse(AssistantMessage message, string finishReason) => new()
    {
        Id = "chatcmpl-abc",
        Created = 1_700_000_000,
        Model = "qwen3-8b",
        SystemFingerprint = "inference-1.0",
        Choices = [new ChatCompletionChoice { Message = message, FinishReason = finishReason }],
        Usage = new CompletionUsage(12, 5, CachedTokens: 8),
    };

    [Fact]
    public void A_chat_completion_has_openais_shape()
    {
        var json = ResponseJson.Parse(OpenAiJson.SerializeToUtf8Bytes(ChatResponse(new AssistantMessage { Content = "Hi!" }, "stop")));

        Assert.Equal("chatcmpl-abc", json.GetProperty("id").GetString());
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.Equal(1_700_000_000, json.GetProperty("created").GetInt64());
        Assert.Equal("qwen3-8b", json.GetProperty("model").GetString());
        Assert.Equal("inference-1.0", json.GetProperty("system_fingerprint").GetString());
        var choice = json.GetProperty("choices")[0];
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("""{"role":"assistant","content":"Hi!"}""", choice.GetProperty("message").GetRawText());
        Assert.Equal("null", choice.GetProperty("logprobs").GetRawText());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal("""{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":8}}""", json.GetProperty("usage").GetRawText());
    }

    [Fact]
    public void The_openai_sdk_reads_a_chat_completion()
    {
        var bytes = OpenAiJson.SerializeToUtf8Bytes(ChatResponse(new AssistantMessage { Content = "Hi!" }, FinishReasons.Stop));

        var completion = ModelReaderWriter.Read<ChatCompletion>(BinaryData.FromBytes(bytes))!;

        Assert.Equal("chatcmpl-abc", completion.Id);
        Assert.Equal("qwen3-8b", completion.Model);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), completion.CreatedAt);
        Assert.Equal("inference-1.0", completion.SystemFingerprint);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal("Hi!", Assert.Single(completion.Content).Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(12, completion.Usage.InputTokenCount);
        Assert.Equal(5, completion.Usage.OutputTokenCount);
        Assert.Equal(17, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public void The_openai_sdk_reads_tool_calls_and_the_length_finish()
    {
        var message = new AssistantMessage
        {
            ToolCalls =
            [
                new AssistantToolCall { Id = "call_1", Function = new ToolCallFunction("get_weather", """{"city":"Paris"}""") },
                AssistantToolCall.From(new Inference.ToolCalling.ToolCall("call_2", "get_time", "{}")),
            ],
        };
        var bytes = OpenAiJson.SerializeToUtf8Bytes(ChatResponse(message, FinishReasons.ToolCalls));

        var json = ResponseJson.Parse(bytes).GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("null", json.GetProperty("content").GetRawText());
        Assert.Equal(
            """{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}""",
            json.GetProperty("tool_calls")[0].GetRawText());

        var completion = ModelReaderWriter.Read<ChatCompletion>(BinaryData.FromBytes(bytes))!;
        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal(2, completion.ToolCalls.Count);
        Assert.Equal("call_1", completion.ToolCalls[0].Id);
        Assert.Equal(ChatToolCallKind.Function, completion.ToolCalls[0].Kind);
        Assert.Equal("get_weather", completion.ToolCalls[0].FunctionName);
        Assert.Equal("""{"city":"Paris"}""", completion.ToolCalls[0].FunctionArguments.ToString());

        var truncated = ModelReaderWriter.Read<ChatCompletion>(BinaryData.FromBytes(
            OpenAiJson.SerializeToUtf8Bytes(ChatResponse(new AssistantMessage { Content = "cut" }, FinishReasons.Length))))!;
        Assert.Equal(ChatFinishReason.Length, truncated.FinishReason);
    }

    [Fact]
    public void Reasoning_content_is_written_only_when_there_is_some()
    {
        var withReasoning = ResponseJson.Parse(OpenAiJson.SerializeToUtf8Bytes(
            ChatResponse(new AssistantMessage { Content = "4", ReasoningContent = "2+2" }, "stop")));
        var without = ResponseJson.Parse(OpenAiJson.SerializeToUtf8Bytes(ChatResponse(new AssistantMessage { Content = "4" }, "stop")));

        Assert.Equal("2+2", withReasoning.GetProperty("choices")[0].GetProperty("message").GetProperty("reasoning_content").GetString());
        Assert.False(without.GetProperty("choices")[0].GetProperty("message").TryGetProperty("reasoning_content", out _));
    }

    [Fact]
    public void Model_output_is_not_needlessly_escaped()
    {
        var bytes = OpenAiJson.SerializeToUtf8Bytes(ChatResponse(new AssistantMessage { Content = "é <b> & \"q\"\n" }, "stop"));

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("""
            "content":"é <b> & \"q\"\n"
            """, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_completion_has_openais_shape()
    {
        var response = new TextCompletionResponse
        {
            Id = "cmpl-abc",
            Created = 1_700_000_000,
            Model = "m",
            Choices = [new TextCompletionChoice { Text = " there", FinishReason = FinishReasons.Length }],
            Usage = new CompletionUsage(3, 16),
        };

        var json = ResponseJson.Parse(OpenAiJson.SerializeToUtf8Bytes(response));

        Assert.Equal("text_completion", json.GetProperty("object").GetString());
        Assert.Equal("null", json.GetProperty("system_fingerprint").GetRawText());
        Assert.Equal(
            """{"text":" there","index":0,"logprobs":null,"finish_reason":"length"}""",
            json.GetProperty("choices")[0].GetRawText());
        Assert.Equal(19, json.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public void The_model_list_has_openais_shape_plus_meta()
    {
        var list = new ModelList(
        [
            new ModelCard
            {
                Id = "qwen3-8b",
                Created = 1_700_000_000,
                OwnedBy = "inference",
                Meta = new ModelMeta { NCtx = 8192, NCtxTrain = 40960, NVocab = 151936, NParams = 8_000_000_000, Size = 5_000_000_000 },
            },
            new ModelCard { Id = "bare", Created = 1, OwnedBy = "inference" },
        ]);

        var json = ResponseJson.Parse(OpenAiJson.SerializeToUtf8Bytes(list));

        Assert.Equal("list", json.GetProperty("object").GetString());
        var model = json.GetProperty("data")[0];
        Assert.Equal("model", model.GetProperty("object").GetString());
        Assert.Equal("inference", model.GetProperty("owned_by").GetString());
        Assert.Equal(
            """{"n_ctx":8192,"n_ctx_train":40960,"n_vocab":151936,"n_params":8000000000,"size":5000000000}""",
            model.GetProperty("meta").GetRawText());
        Assert.False(json.GetProperty("data")[1].TryGetProperty("meta", out _));
    }

    [Fact]
    public async Task The_openai_sdk_reads_the_model_list()
    {
        var list = new ModelList([new ModelCard { Id = "qwen3-8b", Created = 1_700_000_000, OwnedBy = "inference", Meta = new ModelMeta { NCtx = 4096 } }]);
        var client = FakeOpenAiServer.Client(200, "application/json", OpenAiJson.SerializeToUtf8Bytes(list)).GetOpenAIModelClient();

        var model = Assert.Single((await client.GetModelsAsync()).Value);

        Assert.Equal("qwen3-8b", model.Id);
        Assert.Equal("inference", model.OwnedBy);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), model.CreatedAt);
    }

    [Fact]
    public async Task The_openai_sdk_client_reads_our_non_streaming_answer()
    {
        var bytes = OpenAiJson.SerializeToUtf8Bytes(ChatResponse(new AssistantMessage { Content = "Bonjour" }, FinishReasons.Stop));
        var client = FakeOpenAiServer.Client(200, "application/json", bytes).GetChatClient("m");

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Hi")]);

        Assert.Equal("Bonjour", completion.Content[0].Text);
        Assert.Equal(17, completion.Usage.TotalTokenCount);
    }
}
