using System.Diagnostics;
using System.Text.Json;
using Fwbm.Interactive.Plotting;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Interactive.Tests;

/// <summary>A chart as headless Chromium drew it: the screenshot, the DOM after the scripts ran and the figure's layout.</summary>
internal sealed record RenderedChart(Png Shot, string Dom, JsonElement Layout)
{
    public int Margin(string side) => Layout.GetProperty("margin").GetProperty(side).GetInt32();

    /// <summary>Pixels in the rectangle whose colour is within <paramref name="tolerance"/> of (r, g, b) on every channel.</summary>
    public int Colour(int r, int g, int b, int tolerance = 40, int x0 = 0, int y0 = 0, int x1 = int.MaxValue, int y1 = int.MaxValue)
    {
        int n = 0;
        for (int y = Math.Max(0, y0); y < Math.Min(Shot.Height, y1); y++)
            for (int x = Math.Max(0, x0); x < Math.Min(Shot.Width, x1); x++)
            {
                var (R, G, B) = Shot[x, y];
                if (Math.Abs(R - r) <= tolerance && Math.Abs(G - g) <= tolerance && Math.Abs(B - b) <= tolerance) n++;
            }
        return n;
    }
}

/// <summary>
/// Renders a chart's HTML (as a notebook shows it, plotly.js inline) in headless Chromium, offline, to a screenshot and to its DOM.
/// Needs Chromium (scripts/setup-notebooks.sh installs it; FWBM_CHROMIUM names another binary): without it the test fails, saying
/// how to install it. FWBM_KEEP_SCREENSHOTS=1 keeps the pages and screenshots (their path is written to the test output).
/// </summary>
internal static class ChromiumChart
{
    public static string Chromium()
    {
        var named = Environment.GetEnvironmentVariable("FWBM_CHROMIUM");
        if (!string.IsNullOrEmpty(named)) return File.Exists(named) ? named : throw new Xunit.Sdk.XunitException($"FWBM_CHROMIUM = {named} does not exist.");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        throw new Xunit.Sdk.XunitException("Chromium is not installed, so the charts cannot be checked in a browser: run `bash scripts/setup-notebooks.sh` " +
            "(or `sudo apt-get install chromium`), or set FWBM_CHROMIUM to a Chromium/Chrome binary.");
    }

    public static RenderedChart Render(Plotly.NET.GenericChart chart, string name, ITestOutputHelper output, string query = "")
    {
        string chromium = Chromium();
        var dir = Directory.CreateTempSubdirectory("fwbm-chromium-");
        bool keep = Environment.GetEnvironmentVariable("FWBM_KEEP_SCREENSHOTS") == "1";
        try
        {
            var layout = JsonDocument.Parse(PlotlyHtml.FigureJson(chart)).RootElement.GetProperty("layout").Clone();
            string html = Path.Combine(dir.FullName, name + ".html"), png = Path.Combine(dir.FullName, name + ".png");
            File.WriteAllText(html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0;background:#fff\">" +
                PlotlyHtml.ToHtml(chart) + "</body></html>");
            int height = (layout.TryGetProperty("height", out var h) ? h.GetInt32() : PlotlyHtml.DefaultHeight) + 20;
            string url = new Uri(html).AbsoluteUri + query;
            string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9", $"--user-data-dir={Path.Combine(dir.FullName, "profile")}",
                "--virtual-time-budget=20000", $"--window-size=1100,{height}"];
            Run(chromium, [.. common, $"--screenshot={png}", url]);
            string dom = Run(chromium, [.. common, "--dump-dom", url]);
            Assert.True(File.Exists(png), $"Chromium wrote no screenshot of {name}");
            if (keep) output.WriteLine($"{name}: {png}");
            return new RenderedChart(Png.Read(png), dom, layout);
        }
        finally
        {
            if (!keep) dir.Delete(recursive: true);
        }
    }

    private static string Run(string exe, string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(entireProcessTree: true); throw new Xunit.Sdk.XunitException($"{exe} did not finish in 120 s"); }
        Assert.True(p.ExitCode == 0, $"{exe} exited with {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
