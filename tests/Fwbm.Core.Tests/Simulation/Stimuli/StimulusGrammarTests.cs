using FsCheck.Xunit;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Grammar;
using Fwbm.Core.Tests.Grammar;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Core.Simulation.Stimuli;
using Xunit;

namespace Fwbm.Core.Tests.Simulation.Stimuli;

/// <summary>The --stimulus grammar: examples, canonical texts that parse back (property), defaults and every bad input's message.</summary>
public class StimulusGrammarTests
{
    private static readonly SimulationOptions Run = new() { DtMs = 0.1, DurationMs = 60_000, TransientMs = 0 };

    private static Stimulus Resolve(string text, string model = "hopf", SimulationOptions? o = null, Connectome? c = null) =>
        StimulusOptions.Resolve([text], ModelRegistry.Get(model).Spec, o ?? Run, c ?? SpatialWeightsTests.Four()).Single();

    [Fact]
    public void The_documented_examples_parse_to_their_values()
    {
        var dbs = Resolve("train(rate=130Hz, width=90us, amplitude=2, biphasic) at Thal_L from 10s to 20s ramp 1s on x");
        var train = Assert.IsType<PulseTrain>(dbs.Waveform);
        Assert.Equal(130, train.RateHz);
        Assert.Equal(0.09, train.Pulse.WidthMs, 1e-15);
        Assert.True(train.Pulse.Biphasic);
        Assert.Equal(new StimulusWindow(10_000, 20_000, 1000, 1000), dbs.Window);
        Assert.Equal([0], dbs.Regions);
        Assert.Equal("x", dbs.Variable);

        var tacs = Resolve("sine(10Hz, 0.5) at Thal_R");
        Assert.Equal(new Sine(10, 0.5), tacs.Waveform);
        Assert.Equal("x", tacs.Variable);   // hopf's declared input variable
        Assert.Equal(StimulusWindow.Always, tacs.Window);

        Assert.Equal(new ThetaBurst(new PulseShape(1, 1, false, false)), Resolve("tbs(amplitude=1) at #2").Waveform);
        var tdcs = Resolve("dc(0.1) at falloff(x=0,y=0,z=0,sigma=15mm)");
        Assert.Equal(new Constant(0.1), tdcs.Waveform);
        Assert.Equal(4, tdcs.Regions.Count);
        Assert.Equal("E", Resolve("dc(1) at #0", "wilson_cowan").Variable);
        Assert.Equal("y4", Resolve("dc(1) at #0", "jansen_rit").Variable);
        Assert.Equal("y", Resolve("dc(1) at #0 on Y").Variable);   // the model's spelling
        var ou = Assert.IsType<OuNoise>(Resolve("ou(tau=20ms, sigma=0.1) at *").Waveform);
        Assert.Equal(0.1, ou.StepMs);   // bound to the run's dt
        Assert.Equal(2, StimulusOptions.Resolve(["pulse(1, 2ms) at #0 from 1s; sine(5Hz, 1) at #1"], Hopf.Spec, Run, SpatialWeightsTests.Four()).Count);
    }

    private static Waveform RandomWaveform(Random r)
    {
        double Pos() => 0.001 + Math.Round(r.NextDouble() * 10, r.Next(6));
        var pulse = new PulseShape(Pos(), Pos() / 20, r.Next(2) == 0, false);
        if (pulse.Biphasic && r.Next(2) == 0) pulse = pulse with { NegativeFirst = true };
        return r.Next(7) switch
        {
            0 => new SinglePulse(pulse),
            1 => new PulseTrain(1000 / (pulse.DurationMs * (1 + r.Next(50))), pulse),
            2 => new ThetaBurst(pulse with { WidthMs = 0.5 }, 50, 1 + r.Next(4), 5),
            3 => new Sine(Pos(), Pos(), r.NextDouble() * 6),
            4 => new Constant(Pos() - 5),
            5 => new OuNoise(Pos(), Pos(), Pos() - 5, (ulong)r.Next(), r.Next(2) == 0 ? null : Pos()),
            _ => new CsvWaveform(r.Next(2) == 0 ? "wave.csv" : "dir with space/w,1.csv", Pos()),
        };
    }

    private static SpatialWeights RandomSpatial(Random r) => r.Next(4) switch
    {
        0 => new SelectedRegions(RegionSelectorProperties.Tree(r, Spaces.All[r.Next(3)], 3)),
        1 => new VectorWeights(new RegionVectorList(Enumerable.Range(0, 1 + r.Next(5)).Select(_ => Math.Round(r.NextDouble(), 3)).ToArray())),
        2 => new VectorWeights(RegionVector.Parse("label:left:1,else:0")),
        _ => new Falloff(new Point3(r.Next(-80, 80), r.NextDouble() * 10, -3.5), r.Next(2) == 0 ? FalloffKind.Gaussian : FalloffKind.InverseSquare, 1 + r.Next(30), r.Next(2) == 0 ? null : 40),
    };

    [Property(MaxTest = 300)]
    public bool The_canonical_text_parses_back_to_the_same_stimulus(int seed)
    {
        var r = new Random(seed);
        double from = r.Next(3) == 0 ? 0 : Math.Round(r.NextDouble() * 5000, r.Next(4));
        double to = r.Next(2) == 0 ? double.PositiveInfinity : from + 100 + r.Next(5000);
        double on = double.IsPositiveInfinity(to) || r.Next(2) == 0 ? 0 : r.Next(50), off = double.IsPositiveInfinity(to) ? 0 : r.Next(3) == 0 ? on : r.Next(50);
        var spec = new StimulusSpec(RandomWaveform(r), RandomSpatial(r), new StimulusWindow(from, to, on, off), r.Next(2) == 0 ? null : "S_E");
        var text = spec.ToString();
        var back = StimulusSpec.Parse(text);
        return back == spec && back.ToString() == text;
    }

    [Fact]
    public void A_resolved_stimulus_prints_a_text_that_resolves_to_an_equal_stimulus()
    {
        var s = Resolve("train(130, 90us, 2, biphasic, negative-first) at Thal_L,#3 from 1.5s to 2500ms ramp 100ms,0ms");
        var again = Resolve(s.ToString());
        Assert.Equal(s, again);
        Assert.Equal("train(rate=130Hz, width=0.09ms, amplitude=2, biphasic, negative-first) at Thal_L,#3 from 1500ms to 2500ms ramp 100ms,0ms on x", s.ToString());
    }

    public static TheoryData<string, string, string[]> BadInputs => new()
    {
        // a stimulus outside the run (60 s + no transient = 60 000 ms)
        { "pulse(1, 1ms) at #0 from 61s", "after the run ends at 60000 ms", ["from < 60000ms"] },
        // above Nyquist: dt 0.1 ms → 5000 Hz
        { "sine(6kHz, 1) at #0", "above the Nyquist rate", ["5000 Hz", "--dt"] },
        { "train(rate=6000Hz, width=0.01ms) at #0", "above the Nyquist rate", ["rate ≤ 5000 Hz"] },
        // widths and amplitudes
        { "train(rate=130Hz, width=-90us) at #0", "width = -0.09 ms", ["expected a pulse width > 0"] },
        { "train(rate=130Hz, width=90us, amplitude=-2, biphasic) at #0", "amplitude = -2 with biphasic", ["negative-first", "amplitude=2"] },
        { "sine(10Hz, -1) at #0", "amplitude = -1", ["phase=3.14"] },
        { "ou(tau=10ms, sigma=-1) at #0", "sigma = -1", ["sigma=1"] },
        { "train(rate=600Hz, width=1ms, biphasic) at #0", "does not fit in the period", ["rate ≤ 500 Hz"] },
        // names
        { "dc(0.1) at #0 on z", "has no state variable 'z'", ["'x'", "'y'"] },
        { "sin(10Hz, 1) at #0", "'sin' is not a stimulus shape", ["did you mean 'sine'"] },
        { "train(rate=130Hz, widht=1ms) at #0", "unknown argument 'widht'", ["width"] },
        { "dc(0.1) at Thal_Q", "no region", ["Thal_L"] },
        { "dc(0.1) at [0,0,0,0]", "selects no region", [] },
        { "dc(0.1)", "expected 'at <regions>'", [] },
        { "dc(0.1) at #0 from 2s to 1s", "to = 1000 ms", ["after from"] },
        { "dc(0.1) at #0 from 1s ramp 2s", "needs an end", [] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_one_line_naming_the_option_the_text_and_what_was_expected(string text, string problem, string[] hints)
    {
        var e = Assert.Throws<FwbmException>(() => Resolve(text));
        Assert.StartsWith("--stimulus '", e.Message);
        Assert.Contains(problem, e.Message);
        foreach (var h in hints) Assert.Contains(h, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_stimulus_that_starts_during_the_transient_or_before_the_end_is_inside_the_run()
    {
        var o = Run with { TransientMs = 5000, DurationMs = 1000 };
        Assert.Equal(5500, Resolve("pulse(1, 1ms) at #0 from 5.5s", o: o).Window.FromMs);
        Assert.Contains("after the run ends at 6000 ms", Assert.Throws<FwbmException>(() => Resolve("pulse(1, 1ms) at #0 from 6s", o: o)).Message);
        Assert.Equal(5999.9, Resolve("dc(1) at #0 from 5999.9ms", o: o).Window.FromMs);
        // a near miss of a longer name gets a suggestion
        var e = Assert.Throws<FwbmException>(() => Resolve("dc(1) at #0 on S_EE", "dmf"));
        Assert.Contains("did you mean 'S_E'?", e.Message);
    }
}
