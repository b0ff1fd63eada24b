using Inference.Models;
using Inference.Native;
using Xunit;

namespace Inference.Models.Tests;

/// <summary>One tiny model per test run, made into a scratch directory and shared by the test classes.</summary>
public sealed class MadeModels : IDisposable
{
    private readonly Lazy<LlamaModel> _vocabulary;

    public MadeModels()
    {
        Directory.CreateDirectory(Scratch);
        Tiny = TestModelMaker.Make(TestModelPreset.Tiny, Path.Combine(Scratch, "tiny-f16.gguf"));
        _vocabulary = new(() => LlamaModel.LoadFromFile(Tiny.Path, new LlamaModelOptions { VocabOnly = true }));
    }

    /// <summary>Removed with the fixture; tests may write their own files here.</summary>
    public string Scratch { get; } = Path.Combine(Path.GetTempPath(), "models-tests-" + Guid.NewGuid().ToString("N"));

    public TestModel Tiny { get; }

    /// <summary>The tiny model loaded by llama.cpp without weights, on first use.</summary>
    public LlamaVocab LlamaVocabulary => _vocabulary.Value.Vocab;

    public void Dispose()
    {
        if (_vocabulary.IsValueCreated)
        {
            _vocabulary.Value.Dispose();
        }

        Directory.Delete(Scratch, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class MadeModelsCollection : ICollectionFixture<MadeModels>
{
    public const string Name = "made models";
}
