using System.Text.Json;
using System.Text.RegularExpressions;
using Fwbm.Interactive.Plotting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>
/// A composite kernel with a C# kernel and the FWBM extension loaded, as a notebook has it after <c>#r "nuget: FWBM.Interactive"</c>.
/// Formatter registration is global: <see cref="Dispose"/> resets it.
/// </summary>
public abstract class KernelTest : IDisposable
{
    protected readonly CompositeKernel Kernel;

    protected KernelTest()
    {
        var cs = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        Kernel = new CompositeKernel { cs };
        Kernel.DefaultKernelName = cs.Name;
        int n = 0;
        PlotlyHtml.NewId = () => $"fwbm-test-{++n}";
        FwbmExtension.Load(Kernel);
        cs.AddAssemblyReferences([typeof(Core.Connectivity.Connectome).Assembly.Location, typeof(FwbmExtension).Assembly.Location,
            typeof(Torch.TorchRuntime).Assembly.Location, typeof(Microsoft.Data.Analysis.DataFrame).Assembly.Location]);
    }

    public virtual void Dispose()
    {
        Kernel.Dispose();
        Formatter.ResetToDefault();
        PlotlyHtml.ResetSessions();
        PlotlyHtml.Mode = PlotlyJsMode.OncePerNotebook;
        PlotlyHtml.NewId = () => "fwbm-" + Guid.NewGuid().ToString("N")[..12];
        GC.SuppressFinalize(this);
    }

    protected async Task<KernelCommandResult> Submit(string code) => await Kernel.SubmitCodeAsync(code);

    protected static void AssertSucceeded(KernelCommandResult r)
    {
        var failed = r.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failed is null, "cell failed: " + failed?.Message);
    }

    protected static string FailureMessage(KernelCommandResult r)
    {
        var failed = r.Events.OfType<CommandFailed>().LastOrDefault();
        Assert.True(failed is not null, "expected the cell to fail; events: " + string.Join(", ", r.Events.Select(e => e.GetType().Name)));
        return failed!.Message;
    }

    protected static IEnumerable<FormattedValue> Formatted(KernelCommandResult r, string mime) =>
        r.Events.OfType<DisplayEvent>().SelectMany(e => e.FormattedValues).Where(f => f.MimeType == mime);

    /// <summary>The figure JSON documents embedded in the html outputs (the chart data, without the random ids of the HTML).</summary>
    protected static List<JsonDocument> Figures(KernelCommandResult r) =>
        Formatted(r, "text/html").SelectMany(f => FiguresIn(f.Value)).ToList();

    internal static IEnumerable<JsonDocument> FiguresIn(string html) =>
        Regex.Matches(html, "<script type=\"application/json\" id=\"[^\"]+\" class=\"fwbm-figure\">(.*?)</script>", RegexOptions.Singleline)
            .Select(m => JsonDocument.Parse(m.Groups[1].Value.Replace("<\\/", "</")));

    /// <summary>C# for a small random connectome with centres, hemispheres and an empirical FC (regions L0…, R0…).</summary>
    protected const string SmallConnectomeCode = """
        using Fwbm.Core.Connectivity;
        var rnd = new Random(7); int n = 8;
        var w = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j) w[i * n + j] = w[j * n + i] = i < j ? rnd.NextDouble() : w[j * n + i];
        var efc = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) efc[i * n + j] = i == j ? 1 : 0.3 + 0.4 * w[i * n + j];
        var labels = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? $"L{i / 2}" : $"R{i / 2}").ToArray();
        var conn = new Connectome(w, labels, centres: Enumerable.Range(0, n).Select(i => new Point3(i % 2 == 0 ? -30 : 30, 10 * i, 5)).ToArray(),
            rightHemisphere: Enumerable.Range(0, n).Select(i => i % 2 == 1).ToArray(), empiricalFc: efc,
            source: new ConnectomeSource("toy", "Toy connectome", "CC0", "Nobody (2026) A toy."), name: "toy");
        """;
}
