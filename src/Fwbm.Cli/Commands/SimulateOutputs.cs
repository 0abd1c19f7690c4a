using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;
using Fwbm.Core.Guardrails;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Cli.Commands;

/// <summary>
/// The files of the peer-compatible choices of <c>fwbm simulate</c> (read by Core's <see cref="Fwbm.Core.Options.SimulationChoices"/>):
/// one <c>raw_&lt;var&gt;.csv</c> per state variable for <c>--raw</c>, and their record in summary.json.
/// </summary>
internal static class SimulateOutputs
{
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
    public static void WriteSummary(Utf8JsonWriter j, Simulator sim, double? rawMs, SimulationResult? result, string? initialState)
    {
        var spec = sim.Model.Spec;
        j.WriteStartArray("coupled_channels");
        for (int k = 0; k < spec.ChannelCount; k++) if (sim.CoupledChannels[k]) j.WriteStringValue(spec.CouplingChannels[k]);
        j.WriteEndArray();
        j.WriteString("initial_state", initialState ?? "random (model init ranges, seed)");
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

    /// <summary>The top-level "warnings" of summary.json: one {code, message} object per warning (empty array for a healthy run).</summary>
    public static void WriteWarnings(Utf8JsonWriter j, IReadOnlyList<GuardrailWarning> warnings)
    {
        j.WriteStartArray("warnings");
        foreach (var w in warnings)
        {
            j.WriteStartObject(); j.WriteString("code", w.Code); j.WriteString("message", w.Message); j.WriteEndObject();
        }
        j.WriteEndArray();
    }

    /// <summary>The connectome's normalisation (--normalise), its spectral radius and the suggested coupling range for the model.</summary>
    public static void WriteNormalisation(Utf8JsonWriter j, Connectome conn, ModelSpec model)
    {
        j.WriteString("normalisation", ConnectomeNormalisation.Name(conn.Normalisation));
        if (SuggestedCoupling.For(model, conn) is not { } s) return;
        j.WriteNumber("spectral_radius", s.SpectralRadius);
        j.WriteStartObject("suggested_coupling");
        j.WriteNumber("min", s.Min); j.WriteNumber("max", s.Max); j.WriteNumber("gain_min", s.GainMin); j.WriteNumber("gain_max", s.GainMax);
        j.WriteEndObject();
    }
}
