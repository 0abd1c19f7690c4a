using Xunit;
using Fwbm.Core.Analysis.Stimulation;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Tests.Analysis.Stimulation;

/// <summary>The whole analysis on a run whose arrival times are known exactly (a linear relay chain with delays), distances and CSVs.</summary>
public class StimulationAnalysisTests
{
    /// <summary>A → B (12.34 mm) → C (20 mm), D unconnected; lengths elsewhere 40 mm with weight 0.</summary>
    private static Connectome Chain()
    {
        var w = new double[16]; var len = new double[16];
        for (int k = 0; k < 16; k++) if (k % 5 != 0) len[k] = 40;
        w[1 * 4 + 0] = 1; len[1 * 4 + 0] = 12.34;
        w[2 * 4 + 1] = 1; len[2 * 4 + 1] = 20;
        return new Connectome(w, ["A", "B", "C", "D"], len, name: "chain");
    }

    private static (SimulationResult Result, PulseStimulus Pulse) RunChain(double? periodMs = 60)
    {
        var pulse = new PulseStimulus("x", [0], OnsetMs: 30, WidthMs: 0.1, Amplitude: 1.0, PeriodMs: periodMs);
        var sim = new Simulator(Relay.Handle, Chain(), new SimulationOptions
        {
            DtMs = 0.1, DurationMs = 200, VelocityMPerS = 2.0, Integrator = IntegratorKind.EulerMaruyama, InitialState = new double[4],
            Stimulus = pulse, Monitors = [new RawMonitorSpec(0.1)],
        });
        return (sim.Run(ParameterSet.Defaults(Relay.Spec, coupling: 1.0).With("k", 0.5)), pulse);
    }

    [Fact]
    public void Site_distances_are_the_direct_tract_and_the_shortest_chain_of_tracts_from_the_site()
    {
        var d = SiteDistances.From(Chain(), [1, 0, 0, 0]);
        Assert.Equal([0], d.Sites);
        Assert.Equal(0, d.TractLengthMm[0]);
        Assert.Equal(12.34, d.TractLengthMm[1]);
        Assert.True(double.IsNaN(d.TractLengthMm[2])); // C is reached through B only (the 40 mm entry has weight 0)
        Assert.True(double.IsNaN(d.TractLengthMm[3]));
        Assert.Equal([0, 12.34, 32.34, double.PositiveInfinity], d.PathDistanceMm);
        Assert.Contains("every region's weight is 0", Assert.Throws<FwbmException>(() => SiteDistances.From(Chain(), [0, 0, 0, 0])).Message);
    }

    [Fact]
    public void Latencies_on_a_relay_chain_are_the_conduction_delays_plus_one_step_per_hop()
    {
        var (result, pulse) = RunChain();
        var a = StimulationAnalysis.Compute(result, pulse, Chain(), new StimulationAnalysisOptions { BaselineMs = 10, WindowMs = 55, ConsecutiveSamples = 1 });
        // onsets at 30, 90, 150 ms; the epoch of 150 ms runs 55 ms past it, off the 200 ms recording (which ends at 200 ms)
        Assert.Equal(2, a.Evoked.Trials);
        Assert.Equal(1, a.Evoked.DroppedTrials);
        var l = a.Latency.Regions;
        // the onset sample (30 ms) holds the state before the pulse; A moves one step later. B: 12.34 mm at 2 m/s = 62 steps,
        // then one step to integrate; C: 20 mm = 100 steps more, and one more step.
        Assert.Equal(0.1, l[0].LatencyMs, 9);
        Assert.Equal(6.4, l[1].LatencyMs, 9);
        Assert.Equal(16.5, l[2].LatencyMs, 9);
        Assert.False(l[3].Responded);
        Assert.Equal(["D"], a.Latency.NonResponding);
        Assert.True(l[0].Stimulated);
        // the pulse train repeats every 60 ms: 16.7 Hz, measured from the first onset
        Assert.NotNull(a.Entrainment);
        Assert.Equal(1000.0 / 60, a.Entrainment!.FrequencyHz, 9);
        Assert.True(a.Entrainment.Regions[0].Plv > 0.9, $"site PLV {a.Entrainment.Regions[0].Plv}");
        Assert.True(double.IsNaN(a.Entrainment.Regions[3].Plv)); // D stays exactly 0
    }

    [Fact]
    public void A_pulse_train_of_the_stimulus_grammar_gives_one_trial_per_pulse_and_the_same_latencies()
    {
        var options = new SimulationOptions
        {
            DtMs = 0.1, DurationMs = 200, VelocityMPerS = 2.0, Integrator = IntegratorKind.EulerMaruyama, InitialState = new double[4],
            Monitors = [new RawMonitorSpec(0.1)],
        };
        var stimuli = Fwbm.Core.Simulation.Stimuli.StimulusOptions.Resolve(["train(rate=20Hz, width=0.1ms, amplitude=1) at A from 30ms on x"], Relay.Spec, options, Chain());
        var sim = new Simulator(Relay.Handle, Chain(), options with { Stimuli = stimuli });
        var run = sim.Run(ParameterSet.Defaults(Relay.Spec, coupling: 1.0).With("k", 0.5));
        var a = StimulationAnalysis.Compute(run, (IStimulusEvents)stimuli[0], Chain(), new StimulationAnalysisOptions { BaselineMs = 10, WindowMs = 45, ConsecutiveSamples = 1 });
        Assert.Equal([30.0, 80, 130], a.Evoked.OnsetsMs);   // 180 ms: its 45 ms window runs off the 200 ms recording
        Assert.Equal(1, a.Evoked.DroppedTrials);
        Assert.Equal([0.1, 6.4, 16.5], a.Latency.Regions.Take(3).Select(r => Math.Round(r.LatencyMs, 9)));
        Assert.Equal(20, a.Entrainment!.FrequencyHz);
    }

    [Fact]
    public void A_single_pulse_has_no_entrainment_and_says_why()
    {
        var (result, pulse) = RunChain(periodMs: null);
        var a = StimulationAnalysis.Compute(result, pulse, Chain(), new StimulationAnalysisOptions { BaselineMs = 10, WindowMs = 55 });
        Assert.Null(a.Entrainment);
        Assert.Contains("no driving frequency", a.EntrainmentNote);
        Assert.Equal(["evoked.csv", "evoked_se.csv", "latency.csv"], StimulationCsv.Files(a));
    }

    [Fact]
    public void An_unrecorded_variable_is_an_error_naming_what_was_recorded_and_how_to_record_it()
    {
        var (result, pulse) = RunChain();
        var ex = Assert.Throws<FwbmException>(() => StimulationAnalysis.Compute(result, pulse, Chain(), new StimulationAnalysisOptions { Variable = "y" }));
        Assert.Contains("raw:y", ex.Message);
        Assert.Contains("raw:x", ex.Message);
        Assert.Contains("RawMonitorSpec", ex.Message);
    }

    [Fact]
    public void The_csv_files_have_one_column_per_label_and_one_row_per_region()
    {
        var (result, pulse) = RunChain();
        var a = StimulationAnalysis.Compute(result, pulse, Chain(), new StimulationAnalysisOptions { BaselineMs = 10, WindowMs = 55, ConsecutiveSamples = 1 });
        var files = new Dictionary<string, string>();
        StimulationCsv.WriteAll(a, (name, write) => { var sw = new StringWriter(); write(sw); files[name] = sw.ToString(); });
        Assert.Equal(["evoked.csv", "evoked_se.csv", "latency.csv", "entrainment.csv"], files.Keys);
        var evoked = files["evoked.csv"].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_ms,trials,A,B,C,D", evoked[0].TrimEnd('\r'));
        Assert.Equal(1 + a.Evoked.Length, evoked.Length);
        Assert.StartsWith("-10,2,", evoked[1]);
        var latency = files["latency.csv"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => s.TrimEnd('\r')).ToArray();
        Assert.Equal("label,latency_ms,tract_length_mm,path_distance_mm,responded,stimulated", latency[0]);
        Assert.StartsWith("B,6.4", latency[2]);
        Assert.StartsWith("D,NaN,NaN,", latency[4]);
        Assert.Equal("D,NaN,NaN,inf,false,false", latency[4]);
        Assert.StartsWith("C,16.5", latency[3]);
        Assert.Contains(",NaN,32.34,true,false", latency[3]);
        var entrainment = files["entrainment.csv"].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, entrainment.Length);
        Assert.StartsWith("label,frequency_hz,power_at_f,relative_power,baseline_power_at_f,plv,phase_lag_rad", entrainment[0]);
    }
}
