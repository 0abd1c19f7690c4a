using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// The real process: <c>fwbm</c> started as a child, sent SIGINT/SIGTERM while it works. Before the signals were wired to the commands'
/// cancellation token the process died at once (exit -2 from a signal, nothing written).
/// </summary>
public sealed class SignalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fwbm-signal-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
    private const int SIGINT = 2, SIGTERM = 15;

    /// <summary>The fwbm.dll next to the tests (the CLI is a project reference), run with the dotnet host that runs the tests.</summary>
    internal static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fwbm.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>Collect the child's output; <paramref name="delay"/> after the first stdout line that satisfies <paramref name="signalWhen"/>
    /// (or after the start when null) send <paramref name="signal"/>.</summary>
    private static (int Code, string Out, string Err) RunAndSignal(string[] args, Func<string, bool>? signalWhen, int signal, TimeSpan delay)
    {
        using var p = Start(args);
        var stdout = new StringBuilder(); var stderr = new StringBuilder();
        var marker = new ManualResetEventSlim();
        p.OutputDataReceived += (_, e) => { if (e.Data is null) return; lock (stdout) stdout.AppendLine(e.Data); if (signalWhen?.Invoke(e.Data) == true) marker.Set(); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        p.BeginOutputReadLine(); p.BeginErrorReadLine();
        if (signalWhen is null) marker.Set();
        try
        {
            Assert.True(marker.Wait(TimeSpan.FromSeconds(120)), "the marker line never came:\n" + stdout + stderr);
            Thread.Sleep(delay);
            Assert.False(p.HasExited, "fwbm finished before the signal (make the work longer):\n" + stdout + stderr);
            Assert.Equal(0, kill(p.Id, signal));
            Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)), "fwbm did not stop within 60 s of the signal:\n" + stdout + stderr);
            p.WaitForExit(); // drain the output
            return (p.ExitCode, stdout.ToString(), stderr.ToString());
        }
        finally { if (!p.HasExited) p.Kill(entireProcessTree: true); }
    }

    [Theory]
    [InlineData(SIGINT, 130, "SIGINT")]
    [InlineData(SIGTERM, 143, "SIGTERM")]
    public void A_signal_during_a_long_cell_writes_the_executed_notebook_and_report_with_the_interruption_and_exits_128_plus_signal(int signal, int expectedCode, string name)
    {
        string nb = Path.Combine(_dir, "long.dib"), outNb = Path.Combine(_dir, "long.executed.ipynb"), html = Path.Combine(_dir, "long.html");
        File.WriteAllText(nb, """
            #!csharp

            using Fwbm.Core.Connectivity;
            int n = 40;
            var w = new double[n * n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j) w[i * n + j] = 1.0 / (1 + Math.Abs(i - j));
            var conn = new Connectome(w, Enumerable.Range(0, n).Select(i => $"r{i}").ToArray());
            Console.WriteLine("connectome ready");

            #!csharp

            #!fwbm-simulate --connectome conn --duration 600min --dt 1 --transient 0s --show none --name sim

            #!csharp

            Console.WriteLine("never reached");
            """);
        var (code, stdout, stderr) = RunAndSignal(["run", nb, "--out", outNb, "--html", html], l => l.StartsWith("[  1] ok"), signal, TimeSpan.FromSeconds(2));
        Assert.True(code == expectedCode, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains($"{name} received", stderr);
        Assert.Contains("interrupted at code cell [2]", stderr);

        var cells = JsonDocument.Parse(File.ReadAllText(outNb)).RootElement.GetProperty("cells").EnumerateArray().ToArray();
        Assert.Contains("connectome ready", cells[0].GetProperty("outputs").GetRawText());
        var error = cells[1].GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("output_type").GetString() == "error");
        Assert.Contains("interrupted (Ctrl+C / SIGTERM) while this cell was running", error.GetProperty("evalue").GetString());
        Assert.Equal(0, cells[2].GetProperty("outputs").GetArrayLength());   // not run
        Assert.Contains("INTERRUPTED at code cell [2]", File.ReadAllText(html));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Sigint_stops_fwbm_simulate_without_leaving_a_partial_output()
    {
        var conn = Path.Combine(_dir, "conn");
        Directory.CreateDirectory(conn);
        int n = 40;
        File.WriteAllLines(Path.Combine(conn, "weights.csv"),
            Enumerable.Range(0, n).Select(i => string.Join(",", Enumerable.Range(0, n).Select(j => i == j ? "0" : (1.0 / (1 + Math.Abs(i - j))).ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        var outDir = Path.Combine(_dir, "out");
        var (code, stdout, stderr) = RunAndSignal(
            ["simulate", "--connectome", Path.Combine(conn, "weights.csv"), "--model", "hopf", "--duration", "600min", "--transient", "0", "--dt", "1", "--out", outDir],
            null, SIGINT, TimeSpan.FromSeconds(4));
        Assert.True(code == 130, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("SIGINT received", stderr);
        Assert.Contains("interrupted", stderr);
        Assert.False(Directory.Exists(outDir));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_dir), e => Path.GetFileName(e).StartsWith(".out."));   // no staging left behind
    }

    /// <summary>fwbm fit's partial result on Ctrl+C (FitCommand keeps the last parameters, marked incomplete) needs the signal to reach its token.</summary>
    [Fact]
    public void Sigint_stops_fwbm_fit_and_keeps_the_last_parameters_marked_incomplete()
    {
        var outDir = Path.Combine(_dir, "fit");
        var (code, stdout, stderr) = RunAndSignal(
            ["fit", "--connectome", "simulated:6:2", "--epochs", "10000", "--duration", "30", "--transient", "2", "--dt", "20", "--tr", "1s",
             "--realisations", "2", "--device", "cpu", "--out", outDir],
            l => l.StartsWith("epoch 1/"), SIGINT, TimeSpan.Zero);
        Assert.True(code == 130, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("SIGINT received", stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "fitted.json")));
        Assert.False(doc.RootElement.GetProperty("completed").GetBoolean());
        Assert.False(File.Exists(Path.Combine(outDir, "fc.csv")));
    }
}
