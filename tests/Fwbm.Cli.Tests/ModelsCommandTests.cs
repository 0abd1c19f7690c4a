using Xunit;

namespace Fwbm.Cli.Tests;

public class ModelsCommandTests
{
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = Program.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Lists_models_with_parameters_units_and_ranges()
    {
        var (code, output, _) = Run("models");
        Assert.Equal(0, code);
        Assert.Contains("hopf", output);
        Assert.Contains("omega", output);
        Assert.Contains("rad/s", output);
    }

    [Fact]
    public void Unknown_model_is_a_one_line_error_with_exit_2()
    {
        var (code, _, err) = Run("models", "hopff");
        Assert.Equal(2, code);
        Assert.Contains("Unknown model 'hopff'", err);
        Assert.Contains("did you mean hopf", err);
    }
}
