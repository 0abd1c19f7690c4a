using System.Text.Json;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;
using Fwbm.Core.Grammar;
using Fwbm.Core.Options;
using Fwbm.Core.Simulation;
using Fwbm.Core.Simulation.Stimuli;

namespace Fwbm.Cli.Commands;

/// <summary><c>fwbm simulate --stimulus …</c>: the stimuli read (before anything is written) and their record in summary.json.</summary>
internal static class SimulateStimulus
{
    /// <summary>The options with every <c>--stimulus</c> added (files and receptor maps relative to the working directory / the data store).</summary>
    public static SimulationOptions Apply(OptionValues values, SimulationOptions options, Connectome connectome, DataStore? store) =>
        StimulusOptions.Apply(values, options, connectome,
            RegionContext.For(connectome, Environment.CurrentDirectory, RegionReceptors.FromCatalog(connectome, store)));

    /// <summary>
    /// The "stimuli" entry of summary.json: per input its canonical text, variable, window, driving frequency and the regions it reaches
    /// with their weights (labels); an empty array for an unstimulated run.
    /// </summary>
    public static void Write(Utf8JsonWriter j, Simulator sim) => Write(j, sim.Options, sim.Connectome.Labels);

    /// <summary>The "stimuli" entry for the inputs of <paramref name="options"/> on regions labelled <paramref name="labels"/> (a sweep's summary).</summary>
    public static void Write(Utf8JsonWriter j, SimulationOptions options, IReadOnlyList<string> labels)
    {
        j.WriteStartArray("stimuli");
        foreach (var s in options.AllStimuli)
        {
            j.WriteStartObject();
            j.WriteString("text", s.ToString());
            j.WriteString("variable", s.Variable);
            if (s is Stimulus st)
            {
                j.WriteString("shape", st.Waveform.Shape);
                j.WriteNumber("from_ms", st.Window.FromMs);
                if (double.IsPositiveInfinity(st.Window.ToMs)) j.WriteNull("to_ms"); else j.WriteNumber("to_ms", st.Window.ToMs);
                j.WriteNumber("ramp_on_ms", st.Window.RampOnMs); j.WriteNumber("ramp_off_ms", st.Window.RampOffMs);
            }
            if (s is IStimulusEvents ev)
            {
                if (ev.DrivingFrequencyHz is double f) j.WriteNumber("driving_frequency_hz", f); else j.WriteNull("driving_frequency_hz");
                var w = ev.RegionWeights(labels.Count);
                j.WriteStartObject("regions");
                for (int i = 0; i < w.Length; i++) if (w[i] != 0) j.WriteNumber(labels[i], w[i]);
                j.WriteEndObject();
            }
            else
            {
                j.WriteStartArray("region_indices"); foreach (var r in s.Regions) j.WriteNumberValue(r); j.WriteEndArray();
            }
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }
}
