using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Guardrails;
using Fwbm.Core.Models;
using Xunit;

namespace Fwbm.Core.Tests.Guardrails;

/// <summary>
/// Each run guardrail on time series built so that their FC is known exactly: x_i = a·s + c_i·e_i with s and e_i sinusoids of distinct
/// whole frequencies over the record (zero-mean and mutually orthogonal), so corr(x_i, x_j) = a² / √((a² + c_i²)(a² + c_j²)).
/// </summary>
public class RunGuardrailTests
{
    private static TimeSeries Signals(int T, double a, params double[] c)
    {
        int n = c.Length;
        var d = new double[T * n];
        for (int t = 0; t < T; t++)
            for (int i = 0; i < n; i++)
                d[t * n + i] = a * Math.Cos(2 * Math.PI * t / T) + c[i] * Math.Sin(2 * Math.PI * (i + 2) * t / T);
        return new TimeSeries(d, n, 720);
    }

    private static RunEvidence Bold(TimeSeries bold, ModelSpec? model = null, Connectome? conn = null, double g = double.NaN) =>
        new(model ?? Hopf.Spec, new Dictionary<string, TimeSeries> { ["bold"] = bold }) { Connectome = conn, Coupling = g };

    private static string[] Codes(RunEvidence e) => GuardrailChecks.Check(e).Select(w => w.Code).ToArray();

    [Fact]
    public void The_constructed_signals_have_the_analytic_fc()
    {
        var fc = FunctionalConnectivity.Compute(Signals(100, 1, 1, 1, 2));
        Assert.Equal(0.5, fc[0 * 3 + 1], 12);
        Assert.Equal(1 / Math.Sqrt(2 * 5), fc[0 * 3 + 2], 12);
    }

    [Fact]
    public void A_healthy_run_has_no_warning()
    {
        // FC 0.5, 0.32, 0.2 …: spread, unsaturated, 100 samples
        Assert.Empty(GuardrailChecks.Check(Bold(Signals(100, 1, 1, 2, 3, 1.5, 0.5))));
    }

    [Fact]
    public void Fc_from_two_samples_warns_with_the_threshold_and_the_duration_to_use()
    {
        var w = Assert.Single(GuardrailChecks.Check(Bold(new TimeSeries([0.1, 0.2, 0.3, 0.5, 0.1, 0.7], 3, 720))), x => x.Code == "fc-few-samples");
        Assert.Contains("FC from 2 BOLD samples (threshold: at least 30): every correlation is ±1", w.Message);
        Assert.Contains("--duration ≥ 21.6 s at TR 0.72 s", w.Message);
        Assert.Contains("fc-few-samples", Codes(Bold(Signals(29, 1, 1, 2, 3))));
        Assert.DoesNotContain("fc-few-samples", Codes(Bold(Signals(FewFcSamples.MinSamples, 1, 1, 2, 3))));
    }

    [Fact]
    public void Saturated_fc_warns_at_the_threshold_and_names_normalisation_and_suggested_coupling()
    {
        // a = 3.1, c = 1: every correlation 9.61/10.61 = 0.9057 (above the threshold 0.9); a = 2.9: 8.41/9.41 = 0.8937 (below)
        var conn = Ring(6, 0.5); // ρ = 2 × 0.5 = 1
        var w = Assert.Single(GuardrailChecks.Check(Bold(Signals(100, 3.1, 1, 1, 1, 1, 1, 1), Hopf.Spec, conn, 0.5)), x => x.Code == "fc-saturated");
        Assert.Contains("FC is saturated at G = 0.5: mean off-diagonal FC 0.9057 ≥ 0.9", w.Message);
        Assert.Contains("normalisation none, ρ(W) = 1): 0–4.82", w.Message);
        Assert.DoesNotContain("fc-saturated", Codes(Bold(Signals(100, 2.9, 1, 1, 1, 1, 1, 1))));
        // all regions identical: FC all 1
        Assert.Contains("fc-saturated", Codes(Bold(Signals(100, 1, 0, 0, 0))));
    }

    [Fact]
    public void Flat_fc_warns_for_constant_signals_and_for_an_fc_without_spread()
    {
        var d = Signals(100, 1, 1, 2, 3).Data.ToArray();
        for (int t = 0; t < 100; t++) d[t * 3 + 1] = 0.25; // region 1 constant
        var w = Assert.Single(GuardrailChecks.Check(Bold(new TimeSeries(d, 3, 720))));
        Assert.Equal("fc-flat", w.Code);
        Assert.StartsWith("1 of 3 regions have a constant BOLD signal (first: region 1)", w.Message);
        // every correlation exactly 0.5: SD 0 < 0.01, mean 0.5 < 0.9
        var flat = Assert.Single(GuardrailChecks.Check(Bold(Signals(100, 1, 1, 1, 1, 1))));
        Assert.Equal("fc-flat", flat.Code);
        Assert.Contains("< 0.01 (mean 0.5)", flat.Message);
    }

    private static RunEvidence States(ModelSpec model, Func<int, int, double>[] perVariable, int T = 50, int n = 4)
    {
        var outs = new Dictionary<string, TimeSeries>();
        for (int v = 0; v < perVariable.Length; v++)
        {
            var d = new double[T * n];
            for (int t = 0; t < T; t++) for (int r = 0; r < n; r++) d[t * n + r] = perVariable[v](t, r);
            outs[$"tavg:{model.StateVariables[v].Name}"] = new TimeSeries(d, n, 720);
        }
        return new RunEvidence(model, outs);
    }

    [Fact]
    public void Activity_at_a_declared_bound_in_most_regions_is_pinned()
    {
        // DMF's S_E is clamped to [0, 1]: at 1 in 3 of 4 regions; S_I moves
        var run = States(DynamicMeanField.Spec, [(t, r) => r < 3 ? 1.0 : 0.3 + 0.01 * Math.Sin(t), (t, r) => 0.1 + 0.01 * Math.Sin(t + r)]);
        var w = Assert.Single(GuardrailChecks.Check(run));
        Assert.Equal("activity-pinned", w.Code);
        Assert.StartsWith("S_E sits at its upper bound 1 in 3 of 4 regions", w.Message);
        // at the bound in 1 of 4 regions only: not most regions
        Assert.Empty(GuardrailChecks.Check(States(DynamicMeanField.Spec, [(t, r) => r < 1 ? 1.0 : 0.3 + 0.01 * Math.Sin(t), (t, r) => 0.1 + 0.01 * Math.Sin(t + r)])));
    }

    [Fact]
    public void Activity_constant_in_time_is_reported_once_per_variable_and_not_when_pinned()
    {
        // Wilson–Cowan at huge G: E = 0.5 everywhere, I moves
        var run = States(WilsonCowan.Spec, [(t, r) => 0.49999999999999967, (t, r) => 0.2 + 0.05 * Math.Sin(0.3 * t + r)]);
        var w = Assert.Single(GuardrailChecks.Check(run));
        Assert.Equal("activity-constant", w.Code);
        Assert.StartsWith("E is constant in time in 4 of 4 regions (e.g. E = 0.5", w.Message);
        // a variable pinned at its bound is reported as pinned only
        var pinned = States(DynamicMeanField.Spec, [(t, r) => 1.0, (t, r) => 0.1 + 0.01 * Math.Sin(t + r)]);
        Assert.Equal(["activity-pinned"], Codes(pinned));
        // tiny but real fluctuations (SD ≈ 1e-7 of the 0.3 level, above 1e-9) are not constant
        Assert.Empty(GuardrailChecks.Check(States(WilsonCowan.Spec, [(t, r) => 0.3 + 5e-8 * Math.Sin(t), (t, r) => 0.2 + 0.05 * Math.Sin(0.3 * t + r)])));
    }

    [Fact]
    public void Every_guardrail_has_a_stable_unique_code_threshold_and_fix()
    {
        var codes = GuardrailChecks.All.Select(g => g.Code).ToArray();
        Assert.Equal(["fc-few-samples", "fc-saturated", "fc-flat", "activity-pinned", "activity-constant", "sweep-best-on-edge", "graph-disconnected", "param-implausible"], codes);
        Assert.All(GuardrailChecks.All, g => { Assert.NotEmpty(g.Threshold); Assert.NotEmpty(g.Fix); Assert.NotEmpty(g.Detects); });
        Assert.Equal("warning [fc-flat]: x", new GuardrailWarning("fc-flat", "x").ToString());
    }

    /// <summary>A symmetric ring: each region linked to its two neighbours with weight w (ρ = 2w).</summary>
    internal static Connectome Ring(int n, double w)
    {
        var m = new double[n * n];
        for (int i = 0; i < n; i++) { m[i * n + (i + 1) % n] = w; m[i * n + (i + n - 1) % n] = w; }
        return new Connectome(m, Enumerable.Range(0, n).Select(i => $"r{i}").ToArray());
    }
}
