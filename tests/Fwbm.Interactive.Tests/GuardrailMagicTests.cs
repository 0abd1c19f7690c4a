using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>The guardrails in the notebook: a visible warning box on the card (text lines with --show none), the warnings on the bound
/// object, --normalise (and --normalize) on the simulating and connectome magics, the suggested coupling on the connectome card.</summary>
public sealed class GuardrailMagicTests : KernelTest
{
    private static string Html(KernelCommandResult r) => string.Concat(Formatted(r, "text/html").Select(f => f.Value));
    private static string Plain(KernelCommandResult r) => string.Concat(Formatted(r, "text/plain").Select(f => f.Value));

    [Fact]
    public async Task Simulate_with_few_bold_samples_shows_a_warning_box_and_binds_the_warnings()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("#!fwbm-simulate --connectome conn --coupling 0.3 --duration 5s --transient 1s --tr 1 --name few");
        AssertSucceeded(r);
        var html = Html(r);
        Assert.Contains("class=\"fwbm-warnings\"", html);
        Assert.Contains("warning [fc-few-samples]: FC from 5 BOLD samples (threshold: at least 30)", System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains("bound: SimulationRun few (FC similarity r = ", Plain(r));
        Assert.Contains(" — warnings: fc-few-samples (see few.Warnings)", Plain(r));
        var codes = await Submit("string.Join(\",\", few.Warnings.Select(w => w.Code))");
        Assert.Equal("fc-few-samples", codes.Events.OfType<ReturnValueProduced>().Single().Value);

        var none = await Submit("#!fwbm-simulate --connectome conn --coupling 0.3 --duration 5s --transient 1s --tr 1 --show none --name few2");
        AssertSucceeded(none);
        Assert.Contains("warning [fc-few-samples]: FC from 5 BOLD samples", Plain(none));
    }

    [Fact]
    public async Task A_healthy_simulation_shows_no_warning_box()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("#!fwbm-simulate --connectome conn --coupling 0.1 --duration 60s --transient 2s --tr 1 --seed 3 --name ok");
        AssertSucceeded(r);
        Assert.True(!Html(r).Contains("fwbm-warnings"), System.Net.WebUtility.HtmlDecode(Html(r)).Split("fwbm-warnings").Last()[..Math.Min(600, System.Net.WebUtility.HtmlDecode(Html(r)).Split("fwbm-warnings").Last().Length)]);
        Assert.True(!Plain(r).Contains("warning"), Plain(r));
    }

    [Fact]
    public async Task Simulate_and_connectome_take_normalise_in_either_spelling()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --normalise spectral-radius --duration 40s --transient 1s --tr 1 --show none --name s1"));
        var rho = await Submit("Math.Abs(s1.Connectome.SpectralRadius() - 1) < 1e-12 && s1.Connectome.Normalisation == Fwbm.Core.Connectivity.WeightNormalization.SpectralRadius");
        Assert.Equal(true, rho.Events.OfType<ReturnValueProduced>().Single().Value);

        var c = await Submit("#!fwbm-connectome --source conn --normalize in-strength --show summary --name c5");
        AssertSucceeded(c);
        var plain = Plain(c);
        Assert.Contains("normalisation in-strength (--normalise); spectral radius ρ(W) = 1; suggested coupling G: hopf 0–4.82", plain);
        var rows = await Submit("Enumerable.Range(0, 8).All(i => Math.Abs(c5.InStrength()[i] - 1) < 1e-12)");
        Assert.Equal(true, rows.Events.OfType<ReturnValueProduced>().Single().Value);
    }

    [Fact]
    public async Task Sweep_with_its_best_point_on_the_edge_shows_the_warning()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("#!fwbm-sweep --connectome conn --over \"coupling=0,0.01,0.02\" --duration 20s --transient 1s --tr 1 --measure mean_fc=0.9 --name edge");
        AssertSucceeded(r);
        var html = System.Net.WebUtility.HtmlDecode(Html(r));
        Assert.Contains("class=\"fwbm-warnings\"", html);
        Assert.Contains("warning [sweep-best-on-edge]: best mean_fc (target,", html);
        Assert.Contains("at coupling = 0.02, the upper end of coupling's range 0:0.01:0.02", html);
        var n = await Submit("edge.Warnings.Count");
        Assert.Equal(1, n.Events.OfType<ReturnValueProduced>().Single().Value);
    }
}
