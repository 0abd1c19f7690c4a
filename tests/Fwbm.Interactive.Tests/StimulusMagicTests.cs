using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary><c>#!fwbm-simulate --stimulus …</c>: the shared option reaches the run (several stimuli separated by ';'), and a bad stimulus fails the cell with the CLI's message.</summary>
public sealed class StimulusMagicTests : KernelTest
{
    private const string Run = "--connectome conn --model hopf --bold direct --duration 6s --transient 0s --tr 1s --dt 1ms --show none";

    [Fact]
    public async Task Stimuli_given_to_the_magic_are_in_the_run_it_binds()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit($"#!fwbm-simulate {Run} --stimulus \"sine(0.1Hz, 0.002) at L0,L1 from 1s; dc(0.001) at falloff(x=30, y=10, z=5, sigma=10mm) on y\" --name s"));
        var r = await Submit("""string.Join(" | ", s.Simulation.Options.Stimuli.Select(x => x.ToString()))""");
        AssertSucceeded(r);
        Assert.Equal("sine(frequency=0.1Hz, amplitude=0.002, phase=0) at L0,L1 from 1000ms on x | dc(amplitude=0.001) at falloff(x=30, y=10, z=5, sigma=10mm) on y",
            r.Events.OfType<ReturnValueProduced>().Single().Value);
        var bad = FailureMessage(await Submit($"#!fwbm-simulate {Run} --stimulus \"sine(800Hz, 1) at L0\" --name b"));
        Assert.Contains("--stimulus 'sine(frequency=800Hz", bad);
        Assert.Contains("Nyquist", bad);
    }
}
