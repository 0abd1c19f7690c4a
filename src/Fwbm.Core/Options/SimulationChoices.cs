using System.Globalization;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Grammar;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Options;

/// <summary>
/// The peer-compatible choices of a simulation, read the same way by <c>fwbm simulate</c> and <c>#!fwbm-simulate</c>:
/// <c>--bold balloon|direct|none</c>, <c>--raw &lt;interval&gt;</c> (the state variables), <c>--initial-state</c> (the state and the whole
/// delay history) and <c>--couple</c> (which coupling channels deliver input).
/// </summary>
/// <param name="Hemodynamics">The BOLD hemodynamics, or null for <c>--bold none</c> (no BOLD, no FC).</param>
/// <param name="RawMs">The raw-state interval in ms, or null.</param>
/// <param name="InitialState">The text of <c>--initial-state</c>, or null (random in the model's init ranges, from the seed).</param>
/// <param name="Couple">The coupled channels named by <c>--couple</c>, or null (the model's default).</param>
public sealed record SimulationChoices(BoldHemodynamics? Hemodynamics, double? RawMs, string? InitialState, IReadOnlyList<string>? Couple)
{
    /// <summary>The engine's floating-point format (<c>--precision</c>; double when the command does not offer it).</summary>
    public Precision Precision { get; init; } = Precision.Double;
    /// <summary>The hemodynamic integration step of <c>--bold-step</c> in ms (<see cref="BoldMonitorSpec.IntegrationStepMs"/>), or null for its default.</summary>
    public double? BoldStepMs { get; init; }

    /// <summary>Read and check the choices: <c>--bold none</c> needs <c>--raw</c>; the raw interval must be a whole number of steps.</summary>
    public static SimulationChoices Read(OptionValues o, double dtMs)
    {
        BoldHemodynamics? h = (o.Text("bold") ?? "balloon") switch
        {
            "direct" => BoldHemodynamics.Direct,
            "none" => null,
            _ => BoldHemodynamics.Balloon,
        };
        bool Given(string name) => o.Command.Find(name) is not null && o.Has(name);   // #!fwbm-sweep declares no --raw
        double? raw = Given("raw") ? o.DurationMs("raw") : null;
        if (raw is null && h is null && !Given("evoked")) // --evoked records the stimulated variable itself
            throw new FwbmException("--bold none writes no BOLD and no FC: add --raw <interval> (e.g. --raw 10ms) to record the state variables.");
        if (raw is double ms)
        {
            double k = ms / dtMs;
            if (Math.Round(k) < 1 || Math.Abs(k - Math.Round(k)) > 1e-6 * Math.Max(1, k))
                throw new FwbmException($"--raw '{o.Texts("raw").FirstOrDefault()}' ({F(ms)} ms) is not a positive whole number of integration steps (--dt {F(dtMs)} ms).");
        }
        return new(h, raw, Given("initial-state") ? o.Text("initial-state") : null, Given("couple") ? o.Names("couple") : null)
        {
            Precision = o.Command.Find("precision") is not null && o.Text("precision") == "single" ? Simulation.Precision.Single : Simulation.Precision.Double,
            BoldStepMs = Given("bold-step") ? o.DurationMs("bold-step") : null,
        };
    }

    /// <summary>The BOLD monitor (none for <c>--bold none</c>), the raw monitor, the initial state and the coupled channels applied to <paramref name="options"/>.</summary>
    /// <param name="baseDirectory">Where a relative <c>--initial-state</c> file is looked up (the working or notebook directory).</param>
    public SimulationOptions Apply(SimulationOptions options, double trMs, ModelSpec spec, Connectome conn, string? baseDirectory = null)
    {
        var o = options with { Monitors = Hemodynamics is BoldHemodynamics h ? [new BoldMonitorSpec(trMs) { Hemodynamics = h, IntegrationStepMs = BoldStepMs ?? BoldMonitorSpec.DefaultIntegrationStepMs }] : [], Precision = Precision };
        if (InitialState is { } init) o = o with { InitialState = ParseInitialState(init, spec, conn, baseDirectory) };
        if (Couple is { } couple)
        {
            try { spec.CoupledChannelMask(couple); }
            catch (FwbmException e) { throw new FwbmException($"--couple '{string.Join(",", couple)}': {e.Message}"); }
            o = o with { CoupledChannels = couple };
        }
        if (RawMs is double r) o = o with { Monitors = [.. o.Monitors, new RawMonitorSpec(r)] };
        return o;
    }

    /// <summary>"x=0.1,y=0" (every state variable, the same in every region) or a CSV file: rows = regions, header = variable names
    /// (an optional first column of labels).</summary>
    public static double[] ParseInitialState(string text, ModelSpec spec, Connectome conn, string? baseDirectory = null)
    {
        string path = baseDirectory is null || Path.IsPathRooted(text) ? text : Path.Combine(baseDirectory, text);
        try
        {
            if (!File.Exists(path) && text.Contains('='))
            {
                var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
                foreach (var a in AssignmentText.Parse(text, "--initial-state"))
                {
                    if (a.Value is not RegionVectorScalar one) throw new FwbmException($"'{a.Name}={a.Value}' is not one value; expected one (use a CSV file for per-region values).");
                    if (!values.TryAdd(a.Name, one.Value)) throw new FwbmException($"'{a.Name}' is given twice.");
                }
                return InitialStates.Uniform(spec, conn.Count, values);
            }
            if (!File.Exists(path))
                throw new FwbmException($"expected name=value for every state variable ({string.Join(",", spec.StateVariables.Select(s => s.Name + "=…"))}) or an existing CSV file.");
            var rows = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).Select(l => l.Split(',').Select(f => f.Trim()).ToArray()).ToArray();
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

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
