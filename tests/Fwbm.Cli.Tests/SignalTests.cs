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
            // fixed: in-process `fwbm run` tests move the test process's current directory into folders they delete afterwards
            WorkingDirectory = AppContext.BaseDirectory,
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

    /// <summary>Cell 1 builds a 40-region connectome (prints "[  1] ok" in the log), cell 2 simulates ten hours: far longer than any test.</summary>
    internal const string LongNotebook = """
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
        """;

    [Theory]
    [InlineData(SIGINT, 130, "SIGINT")]
    [InlineData(SIGTERM, 143, "SIGTERM")]
    public void A_signal_during_a_long_cell_writes_the_executed_notebook_and_report_with_the_interruption_and_exits_128_plus_signal(int signal, int expectedCode, string name)
    {
        string nb = Path.Combine(_dir, "long.dib"), outNb = Path.Combine(_dir, "long.executed.ipynb"), html = Path.Combine(_dir, "long.html");
        File.WriteAllText(nb, LongNotebook);
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

    /// <summary>
    /// "It opens no network port": while fwbm run executes a cell (kernel loaded, FWBM magic running), none of the process's sockets
    /// is a TCP socket in LISTEN state or a bound UDP socket (/proc/&lt;pid&gt;/fd socket inodes matched against /proc/&lt;pid&gt;/net/{tcp,tcp6,udp,udp6}).
    /// The helper is first shown to find a listener this test process opens itself.
    /// </summary>
    [Fact]
    public void Fwbm_run_opens_no_network_port()
    {
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            Assert.NotEmpty(ListeningPorts(Environment.ProcessId));   // the check can see a port when there is one
        }
        string nb = Path.Combine(_dir, "long.dib");
        File.WriteAllText(nb, LongNotebook);
        using var p = Start("run", nb, "--out", Path.Combine(_dir, "long.executed.ipynb"));
        var ready = new ManualResetEventSlim();
        var log = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is null) return; lock (log) log.AppendLine(e.Data); if (e.Data.StartsWith("[  1] ok")) ready.Set(); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        p.BeginOutputReadLine(); p.BeginErrorReadLine();
        try
        {
            Assert.True(ready.Wait(TimeSpan.FromSeconds(120)), "cell 1 never finished:\n" + log);
            for (int k = 0; k < 4; k++)   // during kernel start-up, cell 1 and the running simulation
            {
                Assert.False(p.HasExited, log.ToString());
                Assert.Empty(ListeningPorts(p.Id));
                Thread.Sleep(500);
            }
        }
        finally
        {
            kill(p.Id, SIGINT);
            if (!p.WaitForExit(TimeSpan.FromSeconds(60))) p.Kill(entireProcessTree: true);
        }
    }

    /// <summary>"proto local-address" of every TCP socket in LISTEN state and every UDP socket owned by process <paramref name="pid"/>.</summary>
    internal static List<string> ListeningPorts(int pid)
    {
        var inodes = new HashSet<string>();
        foreach (var fd in Directory.GetFiles($"/proc/{pid}/fd"))
        {
            string? target;
            try { target = new FileInfo(fd).LinkTarget; } catch (IOException) { continue; }   // closed meanwhile
            if (target is not null && target.StartsWith("socket:[")) inodes.Add(target[8..^1]);
        }
        var found = new List<string>();
        foreach (var proto in new[] { "tcp", "tcp6", "udp", "udp6" })
        {
            var file = $"/proc/{pid}/net/{proto}";
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // sl local rem st tx:rx tr:when retrnsmt uid timeout inode
                if (f.Length < 10 || !inodes.Contains(f[9])) continue;
                if (proto.StartsWith("udp") || f[3] == "0A") found.Add($"{proto} {f[1]}");
            }
        }
        return found;
    }
}
