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
        Assert.Contains("max dt 200 ms, and dt·|omega| ≤ 0.1 (dt in s;", output);   // the parameter-dependent limit is listed
        Assert.Contains("coupling channels: x, y (diffusive; input by default into: x, y, --couple to choose)", output);
        Assert.Contains("noise: sigma → x, y", output);
        Assert.Contains("Plausible: [0.2513, 1257]", output);
    }

    [Fact]
    public void Lists_every_registered_model_with_observables_and_default_coupling()
    {
        var (code, output, _) = Run("models");
        Assert.Equal(0, code);
        foreach (var name in new[] { "hopf", "wilson_cowan", "dmf", "jansen_rit", "kuramoto", "epileptor2d" })
            Assert.Contains($"{name} — ", output);
        foreach (var m in Fwbm.Core.Models.ModelRegistry.All)
            foreach (var p in m.Spec.Parameters) Assert.Contains($"  {p.Name} ", output);
        Assert.Contains("observables: r_E [Hz]", output);
        Assert.Contains("sigmoidal: min 0, max 0.005, midpoint 6, slope 0.56", output);
        Assert.Contains("time unit: s", output);   // kuramoto and hopf
        var (code2, one, _) = Run("models", "dmf");
        Assert.Equal(0, code2);
        Assert.Contains("J_i", one);
        Assert.Contains("gain_e", one);
        Assert.DoesNotContain("kuramoto", one);
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
