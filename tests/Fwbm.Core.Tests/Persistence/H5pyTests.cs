using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Persistence;

/// <summary>A saved result is an ordinary HDF5 file: Python's h5py (Debian python3-h5py) opens it and reads the same numbers.</summary>
public class H5pyTests
{
    private const string Python = "/usr/bin/python3";
    private const string Install = "install it with `sudo apt-get update && sudo apt-get install -y python3-h5py python3-numpy` (scripts/setup-notebooks.sh does this)";

    private static JsonElement RunPython(string script, string file)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: the h5py check needs Debian's python3 with h5py; {Install}.");
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(file);
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.False(stderr.Contains("No module named 'h5py'") || stderr.Contains("No module named 'numpy'"), $"h5py/numpy is not installed for {Python}: {Install}.");
        Assert.True(p.ExitCode == 0, $"python3 failed ({p.ExitCode}): {stderr}");
        return JsonDocument.Parse(stdout).RootElement;
    }

    [Fact]
    public void H5py_reads_a_saved_run_shapes_values_and_attributes()
    {
        using var dir = new TempDir();
        var run = PersistenceFixtures.Run(PersistenceFixtures.Simulator(), seed: 12345678901234567890UL);
        var path = dir.File("run.h5");
        run.Save(path);
        const string script = """
            import sys, json, h5py
            with h5py.File(sys.argv[1], 'r') as f:
                bold = f['outputs/bold']
                a = f['parameters/a']
                print(json.dumps({
                    'kind': f.attrs['fwbm_kind'] if isinstance(f.attrs['fwbm_kind'], str) else f.attrs['fwbm_kind'].decode(),
                    'version': int(f.attrs['fwbm_format_version']),
                    'seed': str(int(f.attrs['seed'])),
                    'bold_shape': list(bold.shape),
                    'bold_3_2': repr(float(bold[3, 2])),
                    'bold_sum': repr(float(bold[()].sum())),
                    'tr_ms': float(bold.attrs['sample_period_ms']),
                    'a': [repr(float(x)) for x in a[()]],
                    'a_unit': a.attrs['unit'] if isinstance(a.attrs['unit'], str) else a.attrs['unit'].decode(),
                    'omega': repr(float(f['parameters/omega'][()])),
                    'weights_shape': list(f['connectome/weights'].shape),
                    'w_0_1': repr(float(f['connectome/weights'][0, 1])),
                    'length_unit': f['connectome/tract_lengths'].attrs['unit'],
                    'label0': f['connectome/labels'].asstr()[0],
                    'licence': f['connectome/source'].attrs['licence'],
                    'dt_ms': float(f['options'].attrs['dt_ms']),
                }))
            """;
        var r = RunPython(script, path);
        var bold = run.Bold;
        double P(JsonElement e) => double.Parse(e.GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal("simulation", r.GetProperty("kind").GetString());
        Assert.Equal(1, r.GetProperty("version").GetInt32());
        Assert.Equal("12345678901234567890", r.GetProperty("seed").GetString());
        Assert.Equal([bold.Length, bold.Regions], r.GetProperty("bold_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal(bold[3, 2], P(r.GetProperty("bold_3_2")));
        Assert.Equal(bold.Data.Sum(), P(r.GetProperty("bold_sum")), 1e-12);
        Assert.Equal(bold.SamplePeriodMs, r.GetProperty("tr_ms").GetDouble());
        Assert.Equal(run.Parameters["a"].PerRegion!, r.GetProperty("a").EnumerateArray().Select(P).ToArray());
        Assert.Equal("1/s", r.GetProperty("a_unit").GetString());
        Assert.Equal(0.25, P(r.GetProperty("omega")));
        var conn = run.Connectome!;
        Assert.Equal([conn.Count, conn.Count], r.GetProperty("weights_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal(conn.Weight(0, 1), P(r.GetProperty("w_0_1")));
        Assert.Equal("mm", r.GetProperty("length_unit").GetString());
        Assert.Equal(conn.Labels[0], r.GetProperty("label0").GetString());
        Assert.Equal("CC-BY-4.0", r.GetProperty("licence").GetString());
        Assert.Equal(1.0, r.GetProperty("dt_ms").GetDouble());
    }
}
