using Fwbm.Core.Analysis;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.TestSupport;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>The online FC monitor inside simulations: the same FC as the stored series' (≤ 1e-10), for BOLD and for state variables,
/// single runs and batches.</summary>
public class OnlineFcMonitorTests
{
    private static readonly Fwbm.Core.Connectivity.Connectome Conn = TestConnectomes.Random(12, 4);

    private static SimulationOptions Options(params MonitorSpec[] monitors) => new()
    {
        DtMs = 0.5, DurationMs = 30_000, TransientMs = 2_000, VelocityMPerS = 10, Integrator = IntegratorKind.Heun, Monitors = monitors,
    };

    private static ParameterSet Wc(double coupling = 0.3) =>
        ParameterSet.Defaults(ModelRegistry.Get("wilson_cowan").Spec, coupling).With("sigma", 0.01);

    private static void AssertClose(double[] want, double[] got)
    {
        Assert.Equal(want.Length, got.Length);
        for (int k = 0; k < want.Length; k++) Assert.Equal(want[k], got[k], 1e-10);
    }

    [Fact]
    public void Bold_fc_equals_the_fc_of_the_stored_bold()
    {
        var bold = new BoldMonitorSpec(720);
        var sim = new Simulator(ModelRegistry.Get("wilson_cowan"), Conn, Options(bold, new OnlineFcMonitorSpec { Bold = bold }));
        var res = sim.Run(Wc(), 7);
        var fc = OnlineFcMonitorSpec.Matrix(res);
        Assert.True(res.Bold.Length > 30);
        AssertClose(FunctionalConnectivity.Compute(res.Bold), fc);
        Assert.Contains(fc, v => Math.Abs(v) > 0.05 && v < 1); // a real FC, not an identity matrix
        Assert.Equal("fc", res.Get("fc:bold").Variable);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void State_variable_fc_equals_the_fc_of_the_stored_raw_or_averaged_series(bool average)
    {
        MonitorSpec stored = average ? new TemporalAverageMonitorSpec(5, ["E"]) : new RawMonitorSpec(5, ["E"]);
        var sim = new Simulator(ModelRegistry.Get("wilson_cowan"), Conn, Options(stored, new OnlineFcMonitorSpec("E") { PeriodMs = 5, Average = average }));
        var res = sim.Run(Wc(), 3);
        AssertClose(FunctionalConnectivity.Compute(res.Get($"{stored.Key}:E")), OnlineFcMonitorSpec.Matrix(res, "E"));
    }

    [Fact]
    public void Each_batch_member_gets_its_own_fc_equal_to_its_single_run()
    {
        var bold = new BoldMonitorSpec(720);
        var sim = new Simulator(ModelRegistry.Get("wilson_cowan"), Conn, Options(bold, new OnlineFcMonitorSpec { Bold = bold }));
        var requests = new[] { new SimulationRequest(Wc(0.1), 1), new SimulationRequest(Wc(0.4), 2), new SimulationRequest(Wc(0.8), 3) };
        var batch = sim.RunBatch(requests);
        for (int b = 0; b < requests.Length; b++)
        {
            AssertClose(FunctionalConnectivity.Compute(batch[b].Bold), OnlineFcMonitorSpec.Matrix(batch[b]));
            Assert.Equal(OnlineFcMonitorSpec.Matrix(sim.Run(requests[b].Parameters, requests[b].Seed)), OnlineFcMonitorSpec.Matrix(batch[b]));
        }
        Assert.NotEqual(OnlineFcMonitorSpec.Matrix(batch[0]), OnlineFcMonitorSpec.Matrix(batch[2]));
    }

    [Fact]
    public void Bad_signal_or_period_is_an_error_naming_it()
    {
        var model = ModelRegistry.Get("wilson_cowan");
        var e = Assert.ThrowsAny<FwbmException>(() => new Simulator(model, Conn, Options(new OnlineFcMonitorSpec("X"))).Run(Wc()));
        Assert.Contains("'X'", e.Message);
        e = Assert.ThrowsAny<FwbmException>(() => new Simulator(model, Conn, Options(new OnlineFcMonitorSpec("E") { PeriodMs = 20_000 })).Run(Wc()));
        Assert.Contains("online FC", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
