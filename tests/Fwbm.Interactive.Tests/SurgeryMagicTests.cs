using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary><c>#!fwbm-simulate</c> takes the surgery options of <c>fwbm simulate</c> (one reading, SurgeryOptions): the bound run's
/// connectome carries the edits in the order given and their warnings.</summary>
public sealed class SurgeryMagicTests : KernelTest
{
    public SurgeryMagicTests() => TestData.UseMirror();

    private async Task<object?> Value(string code)
    {
        var r = await Submit(code);
        AssertSucceeded(r);
        return r.Events.OfType<ReturnValueProduced>().Single().Value;
    }

    [Fact]
    public async Task Simulate_magic_applies_the_edits_in_the_order_given_and_keeps_their_warnings()
    {
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome hcp --lesion \"Precentral_L <-> Precentral_R:0.5\" --resect lobe:occipital --callosotomy --duration 2s --transient 0s --tr 1 --show none --name cut"));
        Assert.Equal("lesion Precentral_L <-> Precentral_R:0.5 | resect lobe:occipital | callosotomy", await Value("string.Join(\" | \", cut.Connectome.Edits)"));
        Assert.Equal(68, await Value("cut.Connectome.Count"));
        Assert.Equal("graph-disconnected", await Value("cut.Warnings[0].Code"));
        Assert.Contains("on 'hcp (edited: lesion Precentral_L <-> Precentral_R:0.5; resect lobe:occipital; callosotomy)' (68 regions)", (string)(await Value("cut.ToString()"))!);
    }

    [Fact]
    public async Task An_unknown_region_fails_the_cell_with_the_option_and_a_suggestion()
    {
        var r = await Submit("#!fwbm-simulate --connectome hcp --silence Precentrl_L --duration 2s --transient 0s --tr 1 --show none --name bad");
        var failed = Assert.Single(r.Events.OfType<CommandFailed>());
        Assert.StartsWith("#!fwbm-simulate: --silence 'Precentrl_L':", failed.Message);
        Assert.Contains("did you mean 'Precentral_L'", failed.Message);
    }
}
