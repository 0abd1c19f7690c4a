using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>
/// Issue 17: an FWBM API error in a C# cell is one clear line, as a magic's error is, with the full stack trace one click away
/// (a collapsed &lt;details&gt; shown before the error). Other errors keep the kernel's own report.
/// </summary>
public sealed class ApiErrorDisplayTests : KernelTest
{
    private static IReadOnlyList<string> TraceDisplays(Microsoft.DotNet.Interactive.KernelCommandResult r) =>
        Formatted(r, "text/html").Select(f => f.Value).Where(v => v.Contains("fwbm-error-trace")).ToArray();

    [Fact]
    public async Task An_FwbmException_from_the_API_fails_the_cell_with_one_line_and_the_trace_in_a_collapsed_details()
    {
        var r = await Submit("""
            using Fwbm.Core.Simulation;
            var s = new PulseStimulus("x", [0], OnsetMs: 0, WidthMs: -1, Amplitude: 1);
            """);
        Assert.Equal("PulseStimulus: WidthMs = -1 ms; expected a positive, finite duration.", FailureMessage(r));
        // no exception on the failure: Jupyter's kernel prints an attached exception's trace as the traceback (as for magics, the line alone)
        Assert.Null(Assert.Single(r.Events.OfType<CommandFailed>()).Exception);
        var trace = Assert.Single(TraceDisplays(r));
        Assert.StartsWith("<details class=\"fwbm-error-trace\"><summary>Fwbm.Core.FwbmException: full stack trace</summary>", trace);
        Assert.Contains("at Fwbm.Core.Simulation.StimulusChecks.Positive", trace);
        // the trace comes before the failure, so a front end shows it above the error line
        var events = r.Events.ToList();
        int display = events.FindIndex(e => e is DisplayEvent d && d.FormattedValues.Any(f => f.Value.Contains("fwbm-error-trace")));
        Assert.True(display >= 0 && display < events.FindIndex(e => e is CommandFailed));
    }

    [Fact]
    public async Task An_argument_error_thrown_by_an_FWBM_type_is_one_line_too()
    {
        var r = await Submit("new Fwbm.Core.Simulation.Simulator(null!, null!)");
        Assert.Equal("ArgumentNullException: Value cannot be null. (Parameter 'model')", FailureMessage(r));
        Assert.Single(TraceDisplays(r));
    }

    [Fact]
    public async Task Other_errors_keep_the_kernel_report_and_a_later_compile_error_is_not_mistaken_for_an_earlier_API_error()
    {
        var own = await Submit("throw new InvalidOperationException(\"mine\");");
        var message = FailureMessage(own);
        Assert.Contains("System.InvalidOperationException: mine", message);
        Assert.Contains("   at ", message);                      // the kernel's full report
        Assert.Empty(TraceDisplays(own));

        Assert.Contains("expected a finite frequency", FailureMessage(await Submit("new Fwbm.Core.Simulation.SinusoidStimulus(\"x\", [0], -1, 1)")));
        var compile = FailureMessage(await Submit("int x = \"a\";"));
        Assert.Contains("CS0029", compile);
        Assert.DoesNotContain("frequency", compile);
        var caught = await Submit("try { new Fwbm.Core.Simulation.SinusoidStimulus(\"x\", [0], -1, 1); } catch (Fwbm.Core.FwbmException) { } 42");
        AssertSucceeded(caught);
        Assert.Empty(TraceDisplays(caught));
    }

    [Fact]
    public async Task Magic_errors_are_unchanged()
    {
        var r = await Submit("#!fwbm-simulate --connectome nosuchvar --model hopf --name s");
        var message = FailureMessage(r);
        Assert.DoesNotContain("   at ", message);
        Assert.Single(r.Events.OfType<CommandFailed>());
        Assert.Empty(TraceDisplays(r));
    }
}
