using Inference.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Inference.Templates.Tests.Corpus;

/// <summary>
/// Renders every template × case of the golden corpus (real Jinja2 3.1.2 output) and compares byte for byte, one row each.
/// Without the corpus the theory has a single row, skipped with the reason (failed when CI is set).
/// </summary>
public sealed class CorpusTests
{
    private const string CorpusMissing = "(corpus missing)";

    private readonly ITestOutputHelper _output;

    public CorpusTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        var root = CorpusLocator.Find();
        if (root is null)
        {
            data.Add(CorpusMissing, string.Empty);
            return data;
        }

        foreach (var (template, caseId) in CorpusCase.All(root))
        {
            data.Add(template, caseId);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Template_renders_exactly_like_jinja2(string template, string caseId)
    {
        var root = CorpusLocator.Find();
        if (root is null || template == CorpusMissing)
        {
            RequiredInput.Skip(CorpusLocator.Missing());
        }

        var corpusCase = CorpusCase.Load(root, template, caseId);
        var compiled = CorpusCase.Compile(root, template);
        if (corpusCase.ExpectedText is { } expected)
        {
            Assert.Equal(expected, compiled.Render(corpusCase.Variables, CorpusTime.Clock));
            return;
        }

        var error = Assert.Throws<TemplateException>(() => compiled.Render(corpusCase.Variables, CorpusTime.Clock));
        _output.WriteLine($"Jinja2: {corpusCase.ExpectedError}");
        _output.WriteLine($"Ours:   {error.Message}");
        if (corpusCase.RaisedByTemplate)
        {
            Assert.Equal(TemplateErrorKind.RaisedByTemplate, error.Kind);
            Assert.Equal(corpusCase.ExpectedError, error.Message);
        }
    }
}
