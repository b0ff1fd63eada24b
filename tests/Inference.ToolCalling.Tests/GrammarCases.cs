using Inference.ToolCalling;
using Xunit;

namespace Inference.ToolCalling.Tests;

/// <summary>get_weather(city, unit?) and get_time(tz) written in every format.</summary>
public static class GrammarCases
{
    private const string Weather = """{"city": "Paris", "unit": "celsius"}""";
    private const string Time = """{"tz": "UTC"}""";
    private const string BadWeather = """{"city": "Paris", "unit": "kelvin"}""";

    public static IReadOnlyList<GrammarCase> All { get; } =
    [
        Tagged(ToolCallFormat.Hermes, (n, a) => $"<tool_call>\n{{\"name\": \"{n}\", \"arguments\": {a}}}\n</tool_call>", "\n"),
        Tagged(ToolCallFormat.HermesWithThinking, (n, a) => $"<tool_call>\n{{\"name\": \"{n}\", \"arguments\": {a}}}\n</tool_call>", "\n", "<think>\nPlan: call tools. 1 < 2 </think\n</think>\n\n"),
        Tagged(ToolCallFormat.Llama3, (n, a) => $"{{\"name\": \"{n}\", \"parameters\": {a}}}", "; "),
        Tagged(ToolCallFormat.Mistral, (n, a) => $"[TOOL_CALLS]{n}[ARGS]{a}", ""),
        Wrapped(ToolCallFormat.MistralNemo, (n, a) => $"{{\"name\": \"{n}\", \"arguments\": {a}}}", ", ", "[TOOL_CALLS][", "]"),
        Wrapped(ToolCallFormat.DeepSeekR1, (n, a) => $"<｜tool▁call▁begin｜>function<｜tool▁sep｜>{n}\n```json\n{a}\n```<｜tool▁call▁end｜>", "",
            "<think>\nThinking.\n</think>\n\n<｜tool▁calls▁begin｜>", "<｜tool▁calls▁end｜>"),
        Wrapped(ToolCallFormat.DeepSeekV3, (n, a) => $"<｜tool▁call▁begin｜>{n}<｜tool▁sep｜>{a}<｜tool▁call▁end｜>", "", "<｜tool▁calls▁begin｜>", "<｜tool▁calls▁end｜>"),
        Tagged(ToolCallFormat.FunctionaryV31, (n, a) => $"<function={n}>{a}</function>", " "),
        Tagged(ToolCallFormat.FunctionaryV32, (n, a) => $"{n}\n{a}", ">>>"),
        Wrapped(ToolCallFormat.CommandRPlus, (n, a) => $"{{\"tool_name\": \"{n}\", \"parameters\": {a}}}", ",\n", "Action: ```json\n[\n", "\n]\n```"),
        Wrapped(ToolCallFormat.CommandR7B, (n, a) => $"{{\"tool_name\": \"{n}\", \"parameters\": {a}}}", ", ", "<|START_THINKING|>ok<|END_THINKING|><|START_ACTION|>[", "]<|END_ACTION|>"),
        new(ToolCallFormat.Glm,
            "<think>Check.</think>\n<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>New York</arg_value>\n<arg_key>unit</arg_key>\n<arg_value>celsius</arg_value>\n</tool_call>",
            "<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>\n</tool_call>\n<tool_call>get_time\n<arg_key>tz</arg_key>\n<arg_value>UTC</arg_value>\n</tool_call>",
            "<tool_call>get_time\n<arg_key>tz</arg_key>\n<arg_value>UTC</arg_value>\n</tool_call>",
            "<tool_call>get_weather\n<arg_key>unit</arg_key>\n<arg_value>celsius</arg_value>\n</tool_call>",
            "<tool_call>get_news\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>\n</tool_call>"),
        new(ToolCallFormat.GptOss,
            $"<|channel|>analysis<|message|>Need weather.<|end|><|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{Weather}",
            "",
            $"<|channel|>commentary to=functions.get_time <|constrain|>json<|message|>{Time}",
            $"<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{BadWeather}",
            $"<|channel|>commentary to=functions.get_news <|constrain|>json<|message|>{Time}"),
        Wrapped(ToolCallFormat.Generic, (n, a) => $"{{\"name\": \"{n}\", \"arguments\": {a}}}", ", ", "{\"tool_calls\": [", "]}"),
    ];

    public static TheoryData<GrammarCase> Theory()
    {
        var data = new TheoryData<GrammarCase>();
        foreach (var c in All)
        {
            data.Add(c);
        }
        return data;
    }

    private static GrammarCase Tagged(ToolCallFormat format, Func<string, string, string> call, string separator, string prefix = "") =>
        Wrapped(format, call, separator, prefix, "");

    private static GrammarCase Wrapped(ToolCallFormat format, Func<string, string, string> call, string separator, string open, string close) =>
        new(format,
            open + call("get_weather", Weather) + close,
            open + call("get_weather", Weather) + separator + call("get_time", Time) + close,
            open + call("get_time", Time) + close,
            open + call("get_weather", BadWeather) + close,
            open + call("get_news", Time) + close);
}
