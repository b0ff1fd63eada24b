using System.CommandLine;
using Inference.Server.Cli;

// No termination timeout: on SIGTERM the host drains in-flight requests (--drain-timeout) and exits 0,
// instead of System.CommandLine ending the process after its default 2 seconds.
return await InferenceCli.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
