namespace Inference.Testing;

public static class RepositoryPaths
{
    /// <summary>The checkout root (the folder holding Inference.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Where generated test models are cached between runs (ignored by git).</summary>
    public static string TestModels => Path.Combine(Root, "artifacts", "test-models");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Inference.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Inference.sln not found above " + AppContext.BaseDirectory);
    }
}
