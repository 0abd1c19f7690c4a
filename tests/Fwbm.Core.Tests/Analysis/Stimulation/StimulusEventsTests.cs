using Xunit;
using Fwbm.Core.Analysis.Stimulation;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Tests.Analysis.Stimulation;

/// <summary>Several stimuli as one, and distances from several sites.</summary>
public class StimulusEventsTests
{
    [Fact]
    public void Combined_stimuli_add_their_sites_merge_their_onsets_and_take_the_first_driving_frequency()
    {
        var pulses = new PulseStimulus("x", [0], OnsetMs: 100, WidthMs: 1, Amplitude: -2, PeriodMs: 200);   // 5 Hz
        var sine = new SinusoidStimulus("x", [0, 2], FrequencyHz: 10, Amplitude: 1, OnsetMs: 300);
        var c = CombinedStimulusEvents.Of([pulses, sine]);
        Assert.Equal([2.0, 0, 1], c.RegionWeights(3));                     // |weights| added: opposite signs do not cancel
        Assert.Equal([100.0, 300, 500], c.TrialOnsetsMs(600));              // 300 ms is a pulse and the sine's onset: once
        Assert.Equal(5, c.DrivingFrequencyHz);
        Assert.Same(sine, CombinedStimulusEvents.Of([sine]));
        Assert.Throws<FwbmException>(() => CombinedStimulusEvents.Of([]).RegionWeights(1));
    }

    [Fact]
    public void Distances_from_several_sites_are_the_nearest_site_s()
    {
        // a line 0 → 1 → 2 → 3 (10 mm each) and 3 → 2 (50 mm); sites 0 and 3
        var w = new double[16]; var len = new double[16];
        void Edge(int from, int to, double mm) { w[to * 4 + from] = 1; len[to * 4 + from] = mm; }
        Edge(0, 1, 10); Edge(1, 2, 10); Edge(2, 3, 10); Edge(3, 2, 50);
        var conn = new Connectome(w, ["a", "b", "c", "d"], len);
        var d = SiteDistances.From(conn, [1, 0, 0, 0.5]);
        Assert.Equal([0, 3], d.Sites);
        Assert.Equal([0, 10, 50, 0], d.TractLengthMm);                      // c: only d projects to it directly (50 mm)
        Assert.Equal([0, 10, 20, 0], d.PathDistanceMm);                     // c: 0 → 1 → 2 is shorter
    }
}
