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
        Assert.True(sim.DtMs <= spec.MaxDtMs && sim.DtMs <= FitDefaults.MaxDefaultDtMs, $"dt {sim.DtMs}");
        // the model's own limits at its default parameters hold too (DtLimits), and the BOLD TR is a whole number of steps
        spec.CheckDt(sim.DtMs, ParameterSet.Defaults(spec, g));
        double perTr = 720 / sim.DtMs;
        Assert.Equal(Math.Round(perTr), perTr, 9);
        Assert.Equal("float32", o.DType);
        Assert.Equal(FitDefaults.Epochs(spec), o.Epochs);
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
        if (name == "hopf") Assert.Equal((20.0, 60_000.0, 20_000.0, 0, 5), (sim.DtMs, sim.DurationMs, sim.TransientMs, o.WindowSamples!.Value, o.Epochs!.Value));
        else Assert.Equal((30_000.0, 5_000.0, 10, 3), (sim.DurationMs, sim.TransientMs, o.WindowSamples!.Value, o.Epochs!.Value));
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

    /// <summary>The printed header names every size setting, marks the model's defaults with "*" and says why; given values carry no mark.</summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Describe_names_the_defaults_and_marks_them(string name)
    {
        var spec = ModelRegistry.Get(name).Spec;
        var o = GradientFit.Resolve(new FitOptions { Model = name });
        string line = FitDefaults.Describe(new FitOptions { Model = name });
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Contains($"dt {o.Simulation!.DtMs.ToString("G4", ci)} ms*", line);
        Assert.Contains("float32*", line);
        Assert.Contains($"{(o.Simulation.DurationMs / 1000).ToString("G4", ci)} s of BOLD*", line);
        Assert.Contains($"{o.Epochs} epochs*", line);
        Assert.Contains($"(* {spec.Name}'s fit defaults: ", line);
        Assert.Contains(name == "hopf" ? "tens of seconds" : "expect minutes", line);
        // given: no mark, and no explanation when nothing is a default
        string given = FitDefaults.Describe(new FitOptions { Model = name, Epochs = 2, DType = "float64" }, n => n is "epochs" or "dtype");
        Assert.Contains("2 epochs,", given);
        Assert.Contains("float64,", given);
        Assert.DoesNotContain("float64*", given);
        string all = FitDefaults.Describe(new FitOptions { Model = name }, _ => true);
        Assert.DoesNotContain("*", all);
    }

    /// <summary>A simulation given without dt gets the fit's default dt (not the model's simulation default).</summary>
    [Fact]
    public void A_simulation_without_dt_gets_the_fits_default_dt()
    {
        var o = GradientFit.Resolve(new FitOptions { Model = "hopf", Simulation = new SimulationOptions { DurationMs = 30_000 } });
        Assert.Equal(FitDefaults.DtMs(ModelRegistry.Get("hopf").Spec), o.Simulation!.DtMs);
        Assert.Equal(30_000, o.Simulation.DurationMs);
    }

    /// <summary>
    /// The fit's estimate: the cost model is epochs × steps × (forward + backward) + evaluations × steps × forward, with per-step costs
    /// from a probe of the fit's own simulator; a resumed fit counts only the epochs left and one evaluation.
    /// </summary>
    [Fact]
    public void The_estimate_follows_the_cost_model_and_counts_what_is_left()
    {
        TestSupport.Init();
        var data = FitTests.Synthetic();
        var options = Tiny("hopf", epochs: 3);
        var e = GradientFit.Estimate(data, options);
        var sim = GradientFit.Resolve(options).Simulation!;
        Assert.Equal((long)Math.Round((sim.DurationMs + sim.TransientMs) / sim.DtMs), e.StepsPerRun);
        Assert.Equal((3, 2), (e.Epochs, e.Evaluations));
        Assert.True(e.TrainStepSeconds > 0 && e.EvaluationStepSeconds > 0 && e.ProbeSteps > 0);
        Assert.Equal(FitEstimate.Scale(3, 2, e.StepsPerRun, e.TrainStepSeconds, e.EvaluationStepSeconds), e.Seconds, 12);
        Assert.Equal(e.StepsPerRun * (3 * e.TrainStepSeconds + 2 * e.EvaluationStepSeconds), e.Seconds, 12);
        Assert.StartsWith("estimated ≈ ", e.Describe());
        Assert.Contains($"3 epochs × {e.StepsPerRun} steps forward + backward", e.Describe());
        Assert.EndsWith("use --epochs, --duration, --realisations or a larger --dt to shorten", e.Describe());

        // resume after 2 of 3 epochs: one epoch and the final evaluation left
        var dir = Directory.CreateTempSubdirectory("fwbm-fit-estimate-");
        try
        {
            var cp = Path.Combine(dir.FullName, "cp.json");
            GradientFit.Run(data, options with { Epochs = 2 }, checkpoint: cp);
            var left = GradientFit.Estimate(data, options, cp, resume: true);
            Assert.Equal((1, 1), (left.Epochs, left.Evaluations));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void The_fit_cost_model_is_linear_in_epochs_steps_and_evaluations()
    {
        Assert.Equal(4000 * (8 * 2e-3 + 2 * 5e-4), FitEstimate.Scale(8, 2, 4000, 2e-3, 5e-4), 12);
        Assert.Equal(0, FitEstimate.Scale(0, 0, 4000, 2e-3, 5e-4));
        Assert.True(new FitEstimate(21, 8, 2, 4000, 2e-3, 5e-4, 100).IsLong);
        Assert.False(new FitEstimate(19, 8, 2, 4000, 2e-3, 5e-4, 100).IsLong);
    }
}
