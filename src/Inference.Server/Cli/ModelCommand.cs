using System.CommandLine;
using System.Diagnostics;
using Inference.Gguf;
using Inference.Models;
using Inference.Native;
using Inference.Native.Interop;

namespace Inference.Server.Cli;

/// <summary>`inference model pull|make|inspect|quantize`: models into the cache, the project's own test models and GGUF tooling.</summary>
internal static class ModelCommand
{
    private static readonly Dictionary<string, LlamaFileType> Quantizations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["f16"] = LlamaFileType.MostlyF16,
        ["q8_0"] = LlamaFileType.MostlyQ8_0,
        ["q4_0"] = LlamaFileType.MostlyQ4_0,
        ["q4_k_m"] = LlamaFileType.MostlyQ4_K_M,
    };

    public static Command Create() => new("model", "Pull, make, inspect and quantize GGUF models") { ModelPullCommand.Create(), Make(), Inspect(), Quantize() };

    private static Command Make()
    {
        var preset = new Option<string>("--preset")
        {
            Description = "tiny (~15M params, tests), small (~134M, benchmarks) or embed (tiny with mean pooling: an embedding model)",
            DefaultValueFactory = _ => "tiny",
        };
        preset.AcceptOnlyFromAmong("tiny", "small", "embed");
        var quant = QuantOption("--quant", "f16");
        var output = new Option<FileInfo>("--out") { Description = "Output GGUF path", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random weights (same seed → same bytes)", DefaultValueFactory = _ => 42 };
        var command = new Command("make", "Generate a llama-architecture model with seeded random weights, a real BPE tokenizer and a ChatML template")
        {
            preset, quant, output, seed,
        };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(output)!.FullName;
            var fileType = Quantizations[parse.GetValue(quant)!];
            var which = TestModelPreset.FromName(parse.GetValue(preset)!);
            var stopwatch = Stopwatch.StartNew();
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (fileType == LlamaFileType.MostlyF16)
            {
                TestModelMaker.Make(which, target, parse.GetValue(seed));
            }
            else
            {
                var f16 = target + ".f16.tmp";
                try
                {
                    TestModelMaker.Make(which, f16, parse.GetValue(seed));
                    LlamaQuantizer.Quantize(f16, target, fileType);
                }
                finally
                {
                    File.Delete(f16);
                }
            }

            Console.WriteLine($"{target}: {new FileInfo(target).Length:N0} bytes in {stopwatch.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }

    private static Command Inspect()
    {
        var path = new Argument<FileInfo>("path") { Description = "A GGUF file" };
        var command = new Command("inspect", "Print a GGUF file's metadata and tensor table (validates the file first)") { path };
        command.SetAction(parse =>
        {
            try
            {
                Console.Write(GgufInspector.Format(GgufFile.Read(parse.GetValue(path)!.FullName)));
                return 0;
            }
            catch (Exception ex) when (ex is GgufFormatException or IOException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }

    private static Command Quantize()
    {
        var input = new Argument<FileInfo>("input") { Description = "Source GGUF (f32 / f16)" };
        var output = new Argument<FileInfo>("output") { Description = "Quantized GGUF to write" };
        var type = QuantOption("--type", "q8_0");
        var command = new Command("quantize", "Quantize a GGUF model through llama.cpp") { input, output, type };
        command.SetAction(parse =>
        {
            try
            {
                GgufFile.Read(parse.GetValue(input)!.FullName);
                LlamaQuantizer.Quantize(parse.GetValue(input)!.FullName, parse.GetValue(output)!.FullName, Quantizations[parse.GetValue(type)!]);
                return 0;
            }
            catch (Exception ex) when (ex is GgufFormatException or LlamaException or IOException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }

    private static Option<string> QuantOption(string name, string defaultValue)
    {
        var option = new Option<string>(name) { Description = "f16, q8_0, q4_0 or q4_k_m", DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong([.. Quantizations.Keys]);
        return option;
    }
}
