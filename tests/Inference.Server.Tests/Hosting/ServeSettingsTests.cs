using Inference.Server.Cli;
using Inference.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Inference.Server.Tests.Hosting;

// Touches process environment variables: no other test reads INFERENCE_POLL.
public class ServeSettingsTests
{
    private static ServerOptions Bind(string[] args, Dictionary<string, string?> configuration)
    {
        var command = ServeCommand.Create();
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return ServeCommand.Bind(parse, new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
    }

    [Fact]
    public void The_command_line_beats_the_environment_which_beats_appsettings()
    {
        var file = new Dictionary<string, string?> { ["Inference:Poll"] = "10", ["Inference:CtxSize"] = "2048" };
        try
        {
            Assert.Equal(10, Bind([], file).Poll);
            Assert.Equal(2048, Bind([], file).CtxSize);

            Environment.SetEnvironmentVariable("INFERENCE_POLL", "20");
            Assert.Equal(20, Bind([], file).Poll);
            Assert.Equal(30, Bind(["--poll", "30"], file).Poll);
        }
        finally
        {
            Environment.SetEnvironmentVariable("INFERENCE_POLL", null);
        }

        Assert.Equal(50, Bind([], []).Poll);
    }

    [Fact]
    public void A_switch_that_is_on_by_default_stays_on_unless_turned_off()
    {
        Assert.True(Bind([], []).CachePrompt);
        Assert.False(Bind(["--cache-prompt", "false"], []).CachePrompt);
        Assert.False(Bind([], new() { ["Inference:CachePrompt"] = "false" }).CachePrompt);
        Assert.False(Bind([], []).MetricsRequireKey);
        Assert.True(Bind(["--metrics-require-key"], []).MetricsRequireKey);
    }

    [Theory]
    [InlineData("--poll", "101", "--poll must be between 0 and 100")]
    [InlineData("--poll", "-1", "--poll must be between 0 and 100")]
    [InlineData("--ctx-size", "8", "--ctx-size 8")]
    [InlineData("--prefill-step", "0", "--prefill-step 0")]
    [InlineData("--prefill-tail", "-1", "--prefill-tail -1")]
    [InlineData("--embedding-quantize", "int4", "--embedding-quantize must be none or int8 (got int4)")]
    public void Out_of_range_values_are_refused_with_the_setting_named(string option, string value, string message)
    {
        var options = Bind([option, value], []);
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_in_appsettings_names_its_key()
    {
        var error = Assert.Throws<ArgumentException>(() => Bind([], new() { ["Inference:Poll"] = "often" }));
        Assert.Contains("Inference:Poll", error.Message, StringComparison.Ordinal);
    }
}
