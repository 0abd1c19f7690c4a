using Fwbm.Core.Analysis;
using Fwbm.Core.Guardrails;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>
/// Single precision against double: for every registered model, the FC and the power spectrum of a single-precision run stay
/// within the seed-to-seed spread of double-precision runs. What is compared: each model on a 10-region random connectome at the
/// middle of its suggested coupling range, noise on, the model's BOLD drive averaged over windows of 20 steps (the "direct" BOLD
/// monitor) over 60 000 steps after a transient; seeds 1–4 in double (D) and single (S). FC similarity is the Pearson correlation of
/// the FC upper triangles; the spectral distance is the RMS difference of the log region-mean Welch spectra.
/// </summary>
public class PrecisionTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models => [.. ModelRegistry.All.Select(m => m.Spec.Name)];

    private const int Seeds = 4;

    private static SimulationResult[] Runs(ModelHandle model, Precision precision)
    {
        var spec = model.Spec;
        var conn = TestConnectomes.Random(10, 3);
        double dt = spec.DefaultDtMs;
        var sim = new Simulator(model, conn, new SimulationOptions
        {
            DtMs = dt, DurationMs = 200_000 * dt, TransientMs = 5_000 * dt, Precision = precision,
            Monitors = [new BoldMonitorSpec(20 * dt) { Hemodynamics = BoldHemodynamics.Direct }],
        });
        var g = SuggestedCoupling.For(spec, conn)!;
        var p = sim.DefaultParameters(g.Min + 0.75 * (g.Max - g.Min));
        int sigma = spec.Parameters.ToList().FindIndex(q => q.Name == "sigma");
        if (sigma >= 0 && spec.Parameters[sigma].Default == 0) p = p.With("sigma", 0.01 * spec.Parameters[sigma].Max);
        return [.. sim.RunBatch([.. Enumerable.Range(1, Seeds).Select(s => new SimulationRequest(p, (ulong)s))])];
    }

    private static double[] Fc(SimulationResult r) => FunctionalConnectivity.Compute(r.Get("bold"));

    private static double[] LogSpectrum(SimulationResult r)
    {
        var ts = r.Get("bold");
        var psd = PowerSpectrum.Welch(ts, new WelchOptions { SegmentSamples = 256 }).Mean();
        return [.. psd.Skip(1).Select(v => Math.Log(v))];
    }

    private static double SpectralDistance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Average());

    [Theory]
    [MemberData(nameof(Models))]
    public void Single_precision_FC_and_spectrum_stay_within_the_seed_to_seed_spread_of_double(string name)
    {
        var model = ModelRegistry.Get(name);
        var d = Runs(model, Precision.Double);
        var s = Runs(model, Precision.Single);
        var fd = d.Select(Fc).ToArray(); var fs = s.Select(Fc).ToArray();
        var pd = d.Select(LogSpectrum).ToArray(); var ps = s.Select(LogSpectrum).ToArray();

        var pairs = (from i in Enumerable.Range(0, Seeds) from j in Enumerable.Range(0, Seeds) where i < j select (i, j)).ToArray();
        var cross = (from i in Enumerable.Range(0, Seeds) from j in Enumerable.Range(0, Seeds) where i != j select (i, j)).ToArray();
        double fcSpread = pairs.Min(q => FcSimilarity.Compute(fd[q.i], fd[q.j]));
        double fcCross = cross.Average(q => FcSimilarity.Compute(fs[q.i], fd[q.j]));
        double fcSame = Enumerable.Range(0, Seeds).Min(i => FcSimilarity.Compute(fs[i], fd[i]));
        double psSpread = pairs.Max(q => SpectralDistance(pd[q.i], pd[q.j]));
        double psCross = cross.Average(q => SpectralDistance(ps[q.i], pd[q.j]));
        double psSame = Enumerable.Range(0, Seeds).Max(i => SpectralDistance(ps[i], pd[i]));
        output.WriteLine($"{name}: FC similarity double–double min {fcSpread:F4}, single–double other seed mean {fcCross:F4}, same seed min {fcSame:F4}; " +
            $"log-spectrum distance double–double max {psSpread:F4}, single–double other seed mean {psCross:F4}, same seed max {psSame:F4}");

        // the seeds must really differ, or the spread would be no yardstick
        Assert.True(fcSpread < 0.9999, $"{name}: double runs of different seeds have FC similarity {fcSpread}; expected seed-to-seed variation.");
        Assert.True(fcCross >= fcSpread, $"{name}: single vs double (other seeds) FC similarity {fcCross:F4} < the double seed-to-seed minimum {fcSpread:F4}.");
        Assert.True(fcSame >= fcSpread, $"{name}: single vs double (same seed) FC similarity {fcSame:F4} < the double seed-to-seed minimum {fcSpread:F4}.");
        Assert.True(psCross <= psSpread, $"{name}: single vs double (other seeds) spectral distance {psCross:F4} > the double seed-to-seed maximum {psSpread:F4}.");
        Assert.True(psSame <= psSpread, $"{name}: single vs double (same seed) spectral distance {psSame:F4} > the double seed-to-seed maximum {psSpread:F4}.");
    }
}
