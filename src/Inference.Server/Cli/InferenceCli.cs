using System.CommandLine;

namespace Inference.Server.Cli;

/// <summary>The `inference` command: serve, model make|inspect|quantize, template render, kube tools|run, mcp.</summary>
public static class InferenceCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Inference: a self-hosted LLM inference server on llama.cpp");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ModelCommand.Create());
        root.Subcommands.Add(TemplateCommand.Create());
        root.Subcommands.Add(KubeCommand.Create());
        root.Subcommands.Add(McpCommand.Create());
        return root;
    }
}
