using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Core.Tests.Models;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

public class ObservableMonitorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Raw_and_tavg_record_observables_next_to_state_variables(int batch)
    {
        // Jansen–Rit's "eeg" observable is y1 − y2; raw samples must equal the difference of the raw states, tavg the window mean
        var conn = TestConnectomes.Random(5, 3);
        var sim = new Simulator(ModelRegistry.Get("jansen_rit"), conn, new SimulationOptions
        {
            DtMs = 0.5, DurationMs = 200, VelocityMPerS = 5,
            Monitors = [new RawMonitorSpec(0.5, ["y1", "eeg", "y2"]), new TemporalAverageMonitorSpec(5, ["eeg"])],
        });
        var p = ParameterSet.Defaults(JansenRit.Spec, 1.0).With("sigma", 0.2);
        foreach (var r in sim.RunBatch(Enumerable.Range(0, batch).Select(b => new SimulationRequest(p, (ulong)b)).ToArray()))
        {
            var y1 = r.Get("raw:y1"); var y2 = r.Get("raw:y2"); var eeg = r.Get("raw:eeg"); var avg = r.Get("tavg:eeg");
            Assert.Equal("eeg", eeg.Variable);
            Assert.Equal(400, eeg.Length);
            for (int t = 0; t < eeg.Length; t++)
                for (int i = 0; i < 5; i++) Assert.Equal(y1[t, i] - y2[t, i], eeg[t, i]);
            Assert.Equal(40, avg.Length);
            for (int w = 0; w < avg.Length; w++)
                for (int i = 0; i < 5; i++)
                {
                    double m = 0;
                    for (int t = 10 * w; t < 10 * w + 10; t++) m += eeg[t, i];
                    Assert.Equal(m / 10, avg[w, i], 1e-12);
                }
        }
    }

    [Fact]
    public void Unknown_names_list_state_variables_and_observables()
    {
        var sim = new Simulator(ModelRegistry.Get("dmf"), ModelTestUtil.Uncoupled(2), new SimulationOptions { DtMs = 0.1, DurationMs = 10, Monitors = [new RawMonitorSpec(1, ["r_X"])] });
        var e = Assert.Throws<FwbmException>(() => sim.Run(sim.DefaultParameters()));
        Assert.Contains("no state variable or observable 'r_X'", e.Message);
        Assert.Contains("S_E, S_I, r_E, r_I, I_E", e.Message);
    }

    [Fact]
    public void Observables_do_not_change_the_trajectory()
    {
        // computing the coupling one step early for the observables must not alter the state (same bits with and without them)
        var conn = TestConnectomes.Random(6, 4);
        SimulationOptions Opts(params string[] names) => new() { DtMs = 0.1, DurationMs = 100, VelocityMPerS = 3, Monitors = [new RawMonitorSpec(1, names)] };
        var p = ParameterSet.Defaults(DynamicMeanField.Spec, 0.8);
        var with = new Simulator(ModelRegistry.Get("dmf"), conn, Opts("S_E", "r_E")).Run(p, 9).Get("raw:S_E");
        var without = new Simulator(ModelRegistry.Get("dmf"), conn, Opts("S_E")).Run(p, 9).Get("raw:S_E");
        Assert.True(with.Data.AsSpan().SequenceEqual(without.Data));
    }
}
