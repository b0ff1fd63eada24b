using System.Globalization;
using System.Text;
using Inference.Gguf;

namespace Inference.Models;

/// <summary>Describes a GGUF model for people (<c>inference model inspect</c>) and for code (<see cref="ModelSummary"/>).</summary>
public static class GgufInspector
{
    private const int MaxShownArrayElements = 8;
    private const int MaxShownStringLength = 120;

    /// <exception cref="GgufFormatException">The file is missing or invalid.</exception>
    public static ModelSummary Summarize(string path) => Summarize(GgufFile.Read(path));

    public static ModelSummary Summarize(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var architecture = String(file, ModelMetadataKeys.Architecture);
        long? Arch(string key) => architecture is null ? null : Integer(file, ModelMetadataKeys.ForArchitecture(key, architecture));

        var fileType = (int?)Integer(file, ModelMetadataKeys.FileType);
        int? vocabularySize = file.TryGetValue(ModelMetadataKeys.Tokens, out var tokens) && tokens.IsArray
            ? tokens.ArrayLength
            : (int?)Arch(ModelMetadataKeys.VocabSize);
        return new ModelSummary(
            file.FilePath,
            file.FileSize,
            architecture,
            String(file, ModelMetadataKeys.Name),
            file.Tensors.Sum(t => t.ElementCount),
            fileType,
            fileType is { } id ? LlamaFileTypes.Name(id) : "not recorded",
            Arch(ModelMetadataKeys.ContextLength),
            Arch(ModelMetadataKeys.EmbeddingLength),
            Arch(ModelMetadataKeys.BlockCount),
            Arch(ModelMetadataKeys.HeadCount),
            Arch(ModelMetadataKeys.HeadCountKv),
            vocabularySize,
            String(file, ModelMetadataKeys.TokenizerModel),
            String(file, ModelMetadataKeys.TokenizerPre),
            file.TryGetValue(ModelMetadataKeys.ChatTemplate, out var template) && template.Type == GgufValueType.String,
            file.Tensors.GroupBy(t => t.Type).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>A summary, every metadata entry (long arrays and strings shortened) and, optionally, the tensor table.</summary>
    public static string Format(GgufFile file, bool includeTensors = true)
    {
        ArgumentNullException.ThrowIfNull(file);
        var summary = Summarize(file);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"File:          {file.FilePath}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Size:          {Bytes(file.FileSize)} (GGUF v{file.Version}, alignment {file.Alignment}, tensor data at byte {file.DataOffset})");
        text.AppendLine(CultureInfo.InvariantCulture, $"Model:         {summary.Name ?? "(no name)"}, architecture {summary.Architecture ?? "(none)"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Parameters:    {Count(summary.ParameterCount)} in {file.Tensors.Count} tensors ({string.Join(", ", summary.TensorTypeCounts.Select(p => $"{p.Value} {GgmlTypeInfo.Get(p.Key).Name}"))})");
        text.AppendLine(CultureInfo.InvariantCulture, $"File type:     {summary.FileTypeName}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Context:       {summary.ContextLength?.ToString(CultureInfo.InvariantCulture) ?? "?"} tokens");
        text.AppendLine(CultureInfo.InvariantCulture, $"Vocabulary:    {summary.VocabularySize?.ToString(CultureInfo.InvariantCulture) ?? "?"} tokens ({summary.TokenizerModel ?? "?"}/{summary.TokenizerPre ?? "?"})");
        text.AppendLine(CultureInfo.InvariantCulture, $"Chat template: {(summary.HasChatTemplate ? "yes" : "no")}");

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Metadata ({file.Metadata.Count} entries):");
        var keyWidth = file.Metadata.Select(e => e.Key.Length).DefaultIfEmpty(0).Max();
        foreach (var entry in file.Metadata)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {entry.Key.PadRight(keyWidth)}  {TypeText(entry.Value),-14}  {ValueText(entry.Value)}");
        }

        if (includeTensors)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Tensors ({file.Tensors.Count}):");
            var nameWidth = file.Tensors.Select(t => t.Name.Length).DefaultIfEmpty(0).Max();
            foreach (var tensor in file.Tensors)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {tensor.Name.PadRight(nameWidth)}  {GgmlTypeInfo.Get(tensor.Type).Name,-7}  {tensor.ShapeText,-14}  {Bytes(tensor.ByteSize),10}  at {tensor.AbsoluteOffset}");
            }
        }

        return text.ToString();
    }

    private static string TypeText(GgufValue value) => value.IsArray ? $"{TypeName(value.ElementType)}[{value.ArrayLength}]" : TypeName(value.Type);

    private static string TypeName(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => "u8", GgufValueType.Int8 => "i8", GgufValueType.UInt16 => "u16", GgufValueType.Int16 => "i16",
        GgufValueType.UInt32 => "u32", GgufValueType.Int32 => "i32", GgufValueType.UInt64 => "u64", GgufValueType.Int64 => "i64",
        GgufValueType.Float32 => "f32", GgufValueType.Float64 => "f64", GgufValueType.Bool => "bool", GgufValueType.String => "str",
        _ => "arr",
    };

    private static string ValueText(GgufValue value)
    {
        if (value.Type == GgufValueType.String)
        {
            return Shorten(value.AsString());
        }

        if (value.IsArray && value.ElementType == GgufValueType.String)
        {
            var strings = value.AsArray<string>();
            var shown = strings.Take(MaxShownArrayElements).Select(s => GgufValue.Quote(s.Length > 40 ? s[..40] + "..." : s));
            var rest = strings.Length > MaxShownArrayElements ? $", ... {strings.Length - MaxShownArrayElements} more" : "";
            return $"[{string.Join(", ", shown)}{rest}]";
        }

        return value.ToString(MaxShownArrayElements);
    }

    private static string Shorten(string s) =>
        GgufValue.Quote(s.Length <= MaxShownStringLength ? s : s[..MaxShownStringLength] + "...") + (s.Length > MaxShownStringLength ? $" ({s.Length} chars)" : "");

    private static string? String(GgufFile file, string key) =>
        file.TryGetValue(key, out var value) && value.Type == GgufValueType.String ? value.AsString() : null;

    private static long? Integer(GgufFile file, string key) =>
        file.TryGetValue(key, out var value) && !value.IsArray && value.Type is not (GgufValueType.String or GgufValueType.Bool or GgufValueType.Float32 or GgufValueType.Float64)
            ? value.AsInt64()
            : null;

    private static string Count(long n) => n switch
    {
        >= 1_000_000_000 => $"{n / 1e9:F2}B",
        >= 1_000_000 => $"{n / 1e6:F1}M",
        >= 1_000 => $"{n / 1e3:F1}K",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    private static string Bytes(long n) => n switch
    {
        >= 1L << 30 => $"{n / (double)(1L << 30):F2} GiB",
        >= 1L << 20 => $"{n / (double)(1L << 20):F1} MiB",
        >= 1L << 10 => $"{n / (double)(1L << 10):F1} KiB",
        _ => $"{n} B",
    };
}
