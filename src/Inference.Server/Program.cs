using Inference.Server.Cli;

return await InferenceCli.Create().Parse(args).InvokeAsync();
