using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary><c>--precision</c> reaches the engine through #!fwbm-simulate and #!fwbm-sweep (the shared option catalogue).</summary>
public sealed class PrecisionMagicTests : KernelTest
{
    private const string Run = "--connectome conn --model hopf --bold direct --duration 6s --transient 0s --tr 1s --dt 1ms --show none";

    [Fact]
    public async Task Simulate_and_sweep_run_in_the_precision_asked_for_and_double_by_default()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit($"#!fwbm-simulate {Run} --precision single --name s"));
        AssertSucceeded(await Submit($"#!fwbm-simulate {Run} --name d"));
        AssertSucceeded(await Submit($"#!fwbm-sweep {Run} --precision single --over coupling=0,0.1 --measure mean_fc --name sw"));
        var r = await Submit("""$"{s.Simulation.Options.Precision} {d.Simulation.Options.Precision} {sw.Result.Simulation!.Options.Precision}" """);
        AssertSucceeded(r);
        Assert.Equal("Single Double Single", r.Events.OfType<ReturnValueProduced>().Single().Value);
    }
}
