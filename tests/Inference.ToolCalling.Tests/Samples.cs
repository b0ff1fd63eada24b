using System.Text.Json;
using Inference.ToolCalling;

namespace Inference.ToolCalling.Tests;

/// <summary>Replies written the way each family's template and llama.cpp's tests show them.</summary>
public static class Samples
{
    private const string Weather = """{"city": "Paris", "unit": "celsius"}""";

    public static IReadOnlyList<ToolDefinition> Tools { get; } =
    [
        new("get_weather", JsonDocument.Parse("""
            {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}
            """).RootElement),
        new("get_time", JsonDocument.Parse("""{"type":"object","properties":{"tz":{"type":"string"}},"required":["tz"]}""").RootElement),
        new("lookup", JsonDocument.Parse("""{"type":"object","properties":{"code":{"type":"string"},"count":{"type":"integer"}}}""").RootElement),
    ];

    public static IReadOnlyList<Sample> All { get; } =
    [
        new("hermes: content then call", ToolCallFormat.Hermes,
            "I'll check the weather.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": " + Weather + "}\n</tool_call>",
            "I'll check the weather.", Calls: [("get_weather", Weather)]),
        new("hermes: parallel calls", ToolCallFormat.Hermes,
            "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_time\", \"arguments\": {\"tz\": \"Europe/Paris\"}}\n</tool_call>",
            "", Calls: [("get_weather", "{\"city\": \"Paris\"}"), ("get_time", "{\"tz\": \"Europe/Paris\"}")]),
        new("hermes: angle brackets in content", ToolCallFormat.Hermes,
            "Use <b>bold</b> and a <tool> tag; 3 < 4.", "Use <b>bold</b> and a <tool> tag; 3 < 4."),
        new("hermes 2 pro: arguments before name", ToolCallFormat.Hermes,
            "<tool_call>\n{\"arguments\": {\"tz\": \"UTC\"}, \"name\": \"get_time\"}\n</tool_call>",
            "", Calls: [("get_time", "{\"tz\": \"UTC\"}")]),
        new("hermes: string-encoded arguments", ToolCallFormat.Hermes,
            "<tool_call>{\"name\": \"get_time\", \"arguments\": \"{\\\"tz\\\": \\\"UTC\\\"}\"}</tool_call>",
            "", Calls: [("get_time", "{\"tz\": \"UTC\"}")]),
        new("hermes: cut off inside the arguments", ToolCallFormat.Hermes,
            "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Par",
            "", Calls: [("get_weather", "{\"city\": \"Par")]),
        new("hermes: not a call object", ToolCallFormat.Hermes,
            "Literally <tool_call>hello</tool_call>", "Literally <tool_call>hello</tool_call>"),
        new("qwen3: thinking then call", ToolCallFormat.HermesWithThinking,
            "<think>\nThe user wants the weather in Paris. I should call get_weather.\n</think>\n\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>",
            "", "The user wants the weather in Paris. I should call get_weather.", [("get_weather", "{\"city\": \"Paris\"}")]),
        new("qwen3: empty thinking", ToolCallFormat.HermesWithThinking,
            "<think>\n\n</think>\n\nHello! How can I help you today?", "Hello! How can I help you today?"),
        new("qwen3: prompt opened the thinking", ToolCallFormat.HermesWithThinking,
            "Short thought.</think>Answer.", "Answer.", "Short thought.", StartsInReasoning: true),

        new("llama3: bare json call", ToolCallFormat.Llama3,
            "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}", "", Calls: [("get_weather", "{\"city\": \"Paris\"}")]),
        new("llama3.2: type function", ToolCallFormat.Llama3,
            "{\"type\": \"function\", \"name\": \"get_time\", \"parameters\": {\"tz\": \"UTC\"}}", "", Calls: [("get_time", "{\"tz\": \"UTC\"}")]),
        new("llama3: python tag json", ToolCallFormat.Llama3,
            "<|python_tag|>{\"name\": \"get_time\", \"parameters\": {\"tz\": \"UTC\"}}; {\"name\": \"get_weather\", \"parameters\": {\"city\": \"Oslo\"}}",
            "", Calls: [("get_time", "{\"tz\": \"UTC\"}"), ("get_weather", "{\"city\": \"Oslo\"}")]),
        new("llama3: python tag code", ToolCallFormat.Llama3,
            "<|python_tag|>print(\"hi\")\nx = {\"a\": 1}<|eom_id|>", "", Calls: [("python", "{\"code\":\"print(\\\"hi\\\")\\nx = {\\\"a\\\": 1}\"}")]),
        new("llama3: json content is not a call", ToolCallFormat.Llama3,
            "{\"answer\": 42, \"name\": \"x\"}", "{\"answer\": 42, \"name\": \"x\"}"),
        new("llama3: braces later are content", ToolCallFormat.Llama3,
            "Use {\"name\": \"x\", \"parameters\": {}} as input.", "Use {\"name\": \"x\", \"parameters\": {}} as input."),

        new("mistral nemo: array", ToolCallFormat.MistralNemo,
            "[TOOL_CALLS][{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}, \"id\": \"abc123def\"}, {\"name\": \"get_time\", \"arguments\": {\"tz\": \"CET\"}, \"id\": \"xyz987uvw\"}]",
            "", Calls: [("get_weather", "{\"city\": \"Paris\"}"), ("get_time", "{\"tz\": \"CET\"}")]),
        new("mistral: name[ARGS] calls after content", ToolCallFormat.Mistral,
            "Let me look that up.[TOOL_CALLS]get_weather[ARGS]{\"city\": \"Paris\"}[TOOL_CALLS]get_time[ARGS]{\"tz\": \"CET\"}",
            "Let me look that up.", Calls: [("get_weather", "{\"city\": \"Paris\"}"), ("get_time", "{\"tz\": \"CET\"}")]),
        new("devstral: call id marker", ToolCallFormat.Mistral,
            "[TOOL_CALLS]lookup[CALL_ID]a1b2c3d4e[ARGS]{\"code\": \"X1\"}", "", Calls: [("lookup", "{\"code\": \"X1\"}")]),
        new("magistral: thinking", ToolCallFormat.MistralWithThinking,
            "[THINK]Need the weather for [TOOL_CALLS] Paris.[/THINK][TOOL_CALLS]get_weather[ARGS]{\"city\":\"Paris\"}",
            "", "Need the weather for [TOOL_CALLS] Paris.", [("get_weather", "{\"city\":\"Paris\"}")]),

        new("deepseek r1: fenced json", ToolCallFormat.DeepSeekR1,
            "<think>\nI need the time in Tokyo.\n</think>\n\n<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_time\n```json\n{\"tz\": \"Asia/Tokyo\"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>",
            "", "I need the time in Tokyo.", [("get_time", "{\"tz\": \"Asia/Tokyo\"}")]),
        new("deepseek v3.1: reasoning from prompt, content, two calls", ToolCallFormat.DeepSeekV3,
            "REASONING</think>CONTENT<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_time<｜tool▁sep｜>{\"tz\": \"CET\"}<｜tool▁call▁end｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{\"city\": \"Paris\"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>",
            "CONTENT", "REASONING", [("get_time", "{\"tz\": \"CET\"}"), ("get_weather", "{\"city\": \"Paris\"}")], StartsInReasoning: true),

        new("functionary v3.1: function tag", ToolCallFormat.FunctionaryV31,
            "Let me check.<function=get_weather>{\"city\": \"Paris\"}</function>", "Let me check.", Calls: [("get_weather", "{\"city\": \"Paris\"}")]),
        new("functionary v3.1: python tag", ToolCallFormat.FunctionaryV31,
            "<|python_tag|>import math\nprint(math.pi)", "", Calls: [("python", "{\"code\":\"import math\\nprint(math.pi)\"}")]),
        new("functionary v3.2: content and calls", ToolCallFormat.FunctionaryV32,
            "all\nLet me check that.>>>get_weather\n{\"city\": \"Paris\"}>>>get_time\n{\"tz\": \"CET\"}",
            "Let me check that.", Calls: [("get_weather", "{\"city\": \"Paris\"}"), ("get_time", "{\"tz\": \"CET\"}")]),
        new("functionary v3.2: content only", ToolCallFormat.FunctionaryV32, "all\nHello there! 1 > 0.", "Hello there! 1 > 0."),

        new("command r+: action block", ToolCallFormat.CommandRPlus,
            "Plan: I will look up the weather.\nAction: ```json\n[\n    {\n        \"tool_name\": \"get_weather\",\n        \"parameters\": {\"city\": \"Paris\"}\n    }\n]\n```",
            "Plan: I will look up the weather.", Calls: [("get_weather", "{\"city\": \"Paris\"}")]),
        new("command r7b: thinking and action", ToolCallFormat.CommandR7B,
            "<|START_THINKING|>I need the weather.<|END_THINKING|><|START_ACTION|>[\n    {\"tool_call_id\": \"0\", \"tool_name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}\n]<|END_ACTION|>",
            "", "I need the weather.", [("get_weather", "{\"city\": \"Paris\"}")]),
        new("command r7b: response", ToolCallFormat.CommandR7B, "<|START_RESPONSE|>Hello!<|END_RESPONSE|>", "Hello!"),

        new("glm 4.5: typed values", ToolCallFormat.Glm,
            "<think>Checking the weather.</think>\n<tool_call>lookup\n<arg_key>code</arg_key>\n<arg_value>123</arg_value>\n<arg_key>count</arg_key>\n<arg_value>3</arg_value>\n</tool_call>",
            "", "Checking the weather.", [("lookup", "{\"code\":\"123\",\"count\":3}")]),
        new("glm 4.6: compact with content", ToolCallFormat.Glm,
            "Sure.<tool_call>get_weather<arg_key>city</arg_key><arg_value>New \"York\"</arg_value></tool_call>",
            "Sure.", Calls: [("get_weather", "{\"city\":\"New \\\"York\\\"\"}")]),

        new("gpt-oss: analysis then call", ToolCallFormat.GptOss,
            "<|channel|>analysis<|message|>User asks for weather. Call the tool.<|end|><|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{\"city\": \"Paris\"}<|call|>",
            "", "User asks for weather. Call the tool.", [("get_weather", "{\"city\": \"Paris\"}")]),
        new("gpt-oss: final answer", ToolCallFormat.GptOss,
            "<|channel|>analysis<|message|>Simple greeting.<|end|><|start|>assistant<|channel|>final<|message|>Hello! How can I help?<|return|>",
            "Hello! How can I help?", "Simple greeting."),
        new("gpt-oss: recipient in role header", ToolCallFormat.GptOss,
            " to=functions.get_time<|channel|>commentary json<|message|>{\"tz\": \"UTC\"}", "", Calls: [("get_time", "{\"tz\": \"UTC\"}")]),

        new("generic: tool_calls", ToolCallFormat.Generic,
            "{\"tool_calls\": [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}, {\"name\": \"get_time\", \"arguments\": {\"tz\": \"UTC\"}}]}",
            "", Calls: [("get_weather", "{\"city\": \"Paris\"}"), ("get_time", "{\"tz\": \"UTC\"}")]),
        new("generic: tool_call", ToolCallFormat.Generic,
            "{\n  \"tool_call\": {\"name\": \"get_time\", \"arguments\": {\"tz\": \"UTC\"}}\n}", "", Calls: [("get_time", "{\"tz\": \"UTC\"}")]),
        new("generic: plain text", ToolCallFormat.Generic, "Sure, here it is: {\"tool_calls\": []}", "Sure, here it is: {\"tool_calls\": []}"),
        new("generic: other json", ToolCallFormat.Generic, "{\"tool\": 1}", "{\"tool\": 1}"),
    ];

    public static TheoryData<Sample> Theory()
    {
        var data = new TheoryData<Sample>();
        foreach (var sample in All)
        {
            data.Add(sample);
        }
        return data;
    }
}
