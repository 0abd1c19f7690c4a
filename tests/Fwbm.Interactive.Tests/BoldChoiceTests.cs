using System.Text.RegularExpressions;
using Fwbm.Core.Options;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>
/// Issue 17: what an error recommends, the front end in use accepts. A Balloon blow-up recommends direct hemodynamics, which
/// #!fwbm-simulate and #!fwbm-sweep select with --bold direct; --bold none (no BOLD, no FC), which the notebook views cannot show,
/// is refused by the magics with a message that recommends only choices they accept.
/// </summary>
public sealed class BoldChoiceTests : KernelTest
{
    private const string Blows = "--connectome conn --model hopf --param a=1 --coupling 0 --duration 20s --transient 0s --tr 1s --dt 1ms";

    /// <summary>Every "--bold x" the message recommends (not inside a quoted `fwbm …` command line).</summary>
    private static IReadOnlyList<string> RecommendedBold(string message) =>
        Regex.Matches(Regex.Replace(message, "`fwbm [^`]*`", ""), @"--bold (\w+)").Select(m => m.Groups[1].Value)
            .Concat(Regex.Matches(message, @"--bold balloon or (\w+)").Select(m => m.Groups[1].Value)).Distinct().ToArray();

    [Fact]
    public async Task A_Balloon_blow_up_recommends_bold_direct_and_the_simulate_and_sweep_magics_accept_it()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var message = FailureMessage(await Submit($"#!fwbm-simulate {Blows} --name sim"));
        Assert.Contains("went too negative for the Balloon model", message);
        var recommended = RecommendedBold(message);
        Assert.Equal(["direct"], recommended);
        Assert.Contains(recommended[0], OptionCatalog.Simulate["bold"].Choices!());
        AssertSucceeded(await Submit($"#!fwbm-simulate {Blows} --bold {recommended[0]} --show none --name sim"));
        AssertSucceeded(await Submit($"#!fwbm-sweep {Blows.Replace("--coupling 0 ", "")} --over coupling=0,0.1 --measure mean_fc --bold {recommended[0]} --show none --name sw"));
    }

    [Theory]
    [InlineData("simulate", "--name sim")]
    [InlineData("sweep", "--over coupling=0,0.1 --measure mean_fc --name sw")]
    public async Task Bold_none_is_refused_with_a_recommendation_the_magic_accepts(string magic, string rest)
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        const string Run = "--connectome conn --model hopf --duration 6s --transient 0s --tr 1s";
        var message = FailureMessage(await Submit($"#!fwbm-{magic} {Run} --bold none {rest}"));
        Assert.Contains("--bold none", message);
        var recommended = RecommendedBold(message).Where(b => b != "none").ToArray();
        Assert.NotEmpty(recommended);
        foreach (var b in recommended)
            AssertSucceeded(await Submit($"#!fwbm-{magic} {Run} --bold {b} --show none {rest}"));
        // the sweep has no --raw: its message must not recommend one
        if (magic == "sweep") Assert.DoesNotContain("--raw", Regex.Replace(message, "`fwbm [^`]*`", ""));
    }
}
