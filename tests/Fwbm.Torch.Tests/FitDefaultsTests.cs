using Fwbm.Core;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Torch.Fitting;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Torch.Tests;

/// <summary>A fit with nothing but the model named works for every registered model, fitting what the model's spec declares.</summary>
public class FitDefaultsTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models() => [.. ModelRegistry.All.Select(m => m.Name)];

    /// <summary>The registry holds the six models this suite covers (a new model must join the per-model fit test).</summary>
    [Fact]
    public void Six_models_are_registered() => Assert.Equal(6, ModelRegistry.All.Count);

    /// <summary>
    /// The defaults come from the spec: fit = coupling + DefaultFit, bounds = fit ranges (coupling: CouplingFitRange), the initial
    /// coupling a quarter into its range (inside it), the default dt within the model's limits over its fit ranges, and every default
    /// initial value inside its bounds (else a default fit would be refused).
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Defaults_come_from_the_model_spec(string name)
    {
        var spec = ModelRegistry.Get(name).Spec;
        var o = GradientFit.Resolve(new FitOptions { Model = name });
        Assert.Equal(["coupling", .. spec.DefaultFit], o.Fit);
        Assert.NotEmpty(spec.DefaultFit);
        double g = o.Initial["coupling"];
        Assert.InRange(g, spec.CouplingFitRange.Min, spec.CouplingFitRange.Max);
        Assert.Equal(spec.CouplingFitRange.Min + 0.25 * (spec.CouplingFitRange.Max - spec.CouplingFitRange.Min), g, 12);
        var sim = o.Simulation!;
        Assert.True(sim.DtMs <= spec.MaxDtMs && sim.DtMs <= 10, $"dt {sim.DtMs}");
        foreach (var f in o.Fit.Skip(1))
        {
            var p = spec.Parameters[spec.IndexOf(f)];
            Assert.Equal(p.FitRange, FitParameter.Parse(f, spec).Range(spec, o));
            Assert.InRange(p.Default, p.FitRange.Min, p.FitRange.Max);
            // dt stays valid wherever the fit may move the parameter
            spec.CheckDt(sim.DtMs, ParameterSet.Defaults(spec).With(p.Name, p.FitRange.Min));
            spec.CheckDt(sim.DtMs, ParameterSet.Defaults(spec).With(p.Name, p.FitRange.Max));
        }
        Assert.Equal(spec.CouplingFitRange, FitParameter.Parse("coupling", spec).Range(spec, o));
        if (name is "dynamic_mean_field" or "dmf" or "wilson_cowan") Assert.True(sim.DtMs <= 0.5);
        if (name == "hopf") Assert.Equal((10.0, 300_000.0, 0), (sim.DtMs, sim.DurationMs, o.WindowSamples!.Value));
        // user bounds must lie inside the valid range; inside it they replace the fit range
        var first = spec.Parameters[spec.IndexOf(spec.DefaultFit[0])];
        var bad = o with { Bounds = new Dictionary<string, (double, double)> { [first.Name] = (first.Min - 1, first.Max) } };
        Assert.Contains("inside its declared range", Assert.Throws<FwbmException>(() => FitParameter.Parse(first.Name, spec).Range(spec, bad)).Message);
        var ok = o with { Bounds = new Dictionary<string, (double, double)> { [first.Name] = (first.Min, first.Max) } };
        Assert.Equal((first.Min, first.Max), FitParameter.Parse(first.Name, spec).Range(spec, ok));
    }

    /// <summary>A tiny fit on 6 regions: 0.24 s after a 0.04 s transient, BOLD every 20 ms (12 samples; a whole number of every
    /// model's default dt; with the fast models' default window of 10 samples the last 2 samples form a window too short for an FC),
    /// 2 epochs, 1 realisation; dt, fit, bounds and initial values are the model's defaults.</summary>
    internal static FitOptions Tiny(string model, int epochs = 2)
    {
        var spec = ModelRegistry.Get(model).Spec;
        double dt = FitDefaults.DtMs(spec);
        return new FitOptions
        {
            Model = model, Epochs = epochs, LearningRate = 0.05, Seed = 5, Device = "cpu", DType = "float64", Realisations = 1,
            Simulation = new SimulationOptions
            {
                DtMs = dt, DurationMs = 240, TransientMs = 40, Integrator = IntegratorKind.Heun, VelocityMPerS = 5,
                Monitors = [new BoldMonitorSpec(20) { IntegrationStepMs = dt }],
            },
        };
    }

    /// <summary>
    /// Every registered model fits with its defaults (fit, bounds, initial coupling, dt, window): the fit completes, every loss and
    /// similarity is finite, and every fitted value lies inside its fit range (coupling: CouplingFitRange; a parameter: FitRange).
    /// The target is the Hopf-generated synthetic FC (what matters here is that the machinery runs for the model; that a fit recovers a
    /// model's own FC is <see cref="FitTests.Fit_improves_FC_similarity_on_train_and_held_out_subjects"/>, Hopf with its default bounds).
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Every_model_fits_with_its_defaults(string name)
    {
        TestSupport.Init();
        var spec = ModelRegistry.Get(name).Spec;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var r = GradientFit.Run(FitTests.Synthetic(), Tiny(name));
        output.WriteLine($"{name}: {clock.Elapsed.TotalSeconds:F1} s; fit {string.Join(",", r.Options.Fit)}; dt {r.Options.Simulation!.DtMs} ms; window {r.Options.WindowSamples}; " +
            string.Join("; ", r.History.Select(e => $"epoch {e.Epoch} loss {e.Loss:F4} similarity {e.Similarity:F4} G {e.Coupling:G4}")));
        Assert.True(r.Completed);
        Assert.Equal(2, r.History.Count);
        Assert.All(r.History, e => Assert.True(double.IsFinite(e.Loss) && double.IsFinite(e.Similarity), $"epoch {e.Epoch}: loss {e.Loss}, similarity {e.Similarity}"));
        Assert.True(double.IsFinite(r.After!.TrainMean) && double.IsFinite(r.Before.TrainMean));
        Assert.Equal(["coupling", .. spec.DefaultFit], r.Options.Fit);
        Assert.InRange(r.Fitted.Coupling, spec.CouplingFitRange.Min, spec.CouplingFitRange.Max);
        foreach (var p in spec.DefaultFit)
        {
            var range = spec.Parameters[spec.IndexOf(p)].FitRange;
            var v = r.Fitted[p];
            Assert.True(v.IsPerRegion);
            Assert.All(v.PerRegion!, x => Assert.InRange(x, range.Min, range.Max));
        }
        // the fit moved something (a gradient reached the parameters)
        Assert.True(r.Fitted.Coupling != r.Initial.Coupling || spec.DefaultFit.Any(p => !r.Fitted[p].PerRegion!.SequenceEqual(Enumerable.Repeat(r.Initial[p].At(0), 6))));
    }
}
