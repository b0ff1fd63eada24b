using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Inference.Server.Tests.Integration;

/// <summary>
/// Makes request bodies for the parser fuzz test, deterministically from a seed: valid bodies with some of
/// their values swapped for awkward ones (wrong types, edge numbers, lone surrogates, deep nesting), fields
/// added or removed, bytes flipped, cut or doubled, invalid UTF-8 inserted, and random JSON and bytes.
/// </summary>
internal sealed class RequestFuzzer(int seed)
{
    /// <summary>Raw JSON values put in place of a field's value; written as text, so they may be invalid for a strict writer.</summary>
    private static readonly string[] Awkward =
    [
        "null", "true", "false", "0", "-1", "1", "2", "0.5", "-0.0", "1e400", "-1e400", "1e-400", "2147483647", "2147483648",
        "4294967295", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
        "\"\"", "\" \"", "\"x\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\uffff\"", "\"<|im_start|>\"",
        "\"{{ raise_exception('boom') }}\"", "\"{% for %}\"", "\"root ::= \\\"a\\\"\"", "\"root ::= x\"",
        "\"" + new string('w', 5000) + "\"",
        "[]", "[null]", "[1,2,3]", "[-5]", "[\"a\",\"b\"]", new string('[', 100) + new string(']', 100),
        "{}", "{\"a\":{\"b\":{\"c\":{}}}}",
        "{\"role\":\"user\",\"content\":\"hi\"}", "{\"role\":\"tool\",\"content\":\"x\"}", "{\"role\":\"assistant\",\"content\":null}",
        "{\"type\":\"text\",\"text\":\"hi\"}", "{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}",
        "{\"type\":\"function\"}", "{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}",
        "{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/nowhere\"}}}}}",
        "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"array\",\"minItems\":5,\"maxItems\":2}}}",
        "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"string\",\"pattern\":\"([\"}}}",
        "{\"include_usage\":\"yes\"}", "{\"99999999999\":1}", "{\"-1\":1}", "{\"5\":\"high\"}",
    ];

    /// <summary>Every field name the parsers read, so that added fields reach real code paths.</summary>
    private static readonly string[] FieldNames =
    [
        "model", "messages", "prompt", "max_tokens", "max_completion_tokens", "temperature", "top_p", "top_k", "min_p", "seed", "n",
        "stop", "stream", "stream_options", "include_usage", "logit_bias", "tools", "tool_choice", "parallel_tool_calls",
        "response_format", "json_schema", "schema", "grammar", "presence_penalty", "frequency_penalty", "repeat_penalty",
        "repeat_last_n", "ignore_eos", "user", "chat_template_kwargs", "logprobs", "top_logprobs", "echo", "suffix", "best_of",
        "functions", "role", "content", "name", "tool_calls", "tool_call_id", "type", "function", "arguments", "parameters", "text",
    ];

    private static readonly byte[][] InvalidUtf8 = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]];

    private const string Placeholder = "\u0001awkward:";

    private readonly Random _random = new(seed);

    public byte[] Next(IReadOnlyList<string> validBodies)
    {
        var body = validBodies[_random.Next(validBodies.Count)];
        return _random.Next(20) switch
        {
            0 => RandomBytes(),
            1 or 2 => Encoding.UTF8.GetBytes(RandomJson(depth: 0)),
            < 8 => MutateBytes(Encoding.UTF8.GetBytes(body)),
            _ => Encoding.UTF8.GetBytes(MutateStructure(body, mutations: 1 + _random.Next(3))),
        };
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(1, 200)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string RandomJson(int depth) => _random.Next(depth < 3 ? 4 : 2) switch
    {
        0 => AwkwardValue(),
        1 => "\"" + FieldNames[_random.Next(FieldNames.Length)] + "\"",
        2 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(4)).Select(_ => RandomJson(depth + 1))) + "]",
        _ => "{" + string.Join(",", Enumerable.Range(0, _random.Next(6)).Select(_ =>
            "\"" + FieldNames[_random.Next(FieldNames.Length)] + "\":" + RandomJson(depth + 1))) + "}",
    };

    private string AwkwardValue() => Awkward[_random.Next(Awkward.Length)];

    private byte[] MutateBytes(byte[] body)
    {
        var bytes = new List<byte>(body);
        for (var i = 1 + _random.Next(3); i > 0 && bytes.Count > 0; i--)
        {
            var at = _random.Next(bytes.Count);
            var length = Math.Min(bytes.Count - at, 1 + _random.Next(16));
            switch (_random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)_random.Next(256);
                    break;
                case 1:
                    bytes.InsertRange(at, InvalidUtf8[_random.Next(InvalidUtf8.Length)]);
                    break;
                case 2:
                    bytes.RemoveRange(at, length);
                    break;
                case 3:
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.InsertRange(at, "{}[],:\"\\"u8.ToArray().Skip(_random.Next(9)).Take(1));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>
    /// Replaces, removes or adds values in the parsed body. Awkward values go in as placeholder strings and are
    /// swapped for their raw text after writing, so that text the writer would refuse (a lone surrogate) gets through.
    /// </summary>
    private string MutateStructure(string body, int mutations)
    {
        var root = JsonNode.Parse(body)!;
        var inserted = new List<string>();
        for (var i = 0; i < mutations; i++)
        {
            var containers = Containers(root).ToList();
            var target = containers[_random.Next(containers.Count)];
            var value = AwkwardValue();
            JsonNode placeholder = JsonValue.Create(Placeholder + inserted.Count.ToString(CultureInfo.InvariantCulture))!;
            switch (target)
            {
                case JsonObject obj when obj.Count > 0 && _random.Next(4) == 0:
                    obj.Remove(obj.ElementAt(_random.Next(obj.Count)).Key);
                    continue;
                case JsonObject obj when obj.Count > 0 && _random.Next(2) == 0:
                    obj[obj.ElementAt(_random.Next(obj.Count)).Key] = placeholder;
                    break;
                case JsonObject obj:
                    obj[FieldNames[_random.Next(FieldNames.Length)]] = placeholder;
                    break;
                case JsonArray array when array.Count > 0 && _random.Next(2) == 0:
                    array[_random.Next(array.Count)] = placeholder;
                    break;
                case JsonArray array:
                    array.Add(placeholder);
                    break;
            }

            inserted.Add(value);
        }

        var text = root.ToJsonString();
        for (var i = 0; i < inserted.Count; i++)
        {
            text = text.Replace(JsonValue.Create(Placeholder + i.ToString(CultureInfo.InvariantCulture))!.ToJsonString(), inserted[i], StringComparison.Ordinal);
        }

        return text;
    }

    private static IEnumerable<JsonNode> Containers(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is JsonObject or JsonArray)
            {
                foreach (var inner in Containers(child))
                {
                    yield return inner;
                }
            }
        }
    }
}
