using System.Globalization;
using Fwbm.Core.Grammar;
using Fwbm.Core.Simulation;
using Fwbm.Core.Simulation.Stimuli;

namespace Fwbm.Core.Persistence;

/// <summary>
/// <see cref="SimulationOptions.Stimuli"/> in a result file: one group per input ("0", "1", … in order). A <see cref="Stimulus"/> keeps
/// its canonical text, its waveform and spatial texts (re-parsed on load), the variable, the window and the resolved weights — and
/// a CSV waveform its samples, so the file does not depend on the CSV still being there. Pulse and sinusoid inputs are written as
/// <see cref="SimulationOptionsH5"/> writes its single stimulus.
/// </summary>
internal static class StimuliH5
{
    public static void Write(H5Writer g, IReadOnlyList<IStimulus> stimuli)
    {
        for (int k = 0; k < stimuli.Count; k++)
        {
            var sg = g.Group(k.ToString(CultureInfo.InvariantCulture));
            if (stimuli[k] is not Stimulus s) { SimulationOptionsH5.WriteStimulus(sg, stimuli[k]); continue; }
            sg.Attr("type", "stimulus").Attr("text", s.ToString()).Attr("waveform", s.Waveform.ToString()).Attr("variable", s.Variable)
                .Attr("from_ms", s.Window.FromMs).Attr("ramp_on_ms", s.Window.RampOnMs).Attr("ramp_off_ms", s.Window.RampOffMs);
            if (!double.IsPositiveInfinity(s.Window.ToMs)) sg.Attr("to_ms", s.Window.ToMs);
            if (s.Spatial is { } sp) sg.Attr("spatial", sp.ToString());
            sg.Data("weights", s.Weights.ToArray());
            if (s.Waveform is CsvWaveform csv)
            {
                sg.Data("csv_times_ms", csv.TimesMs.ToArray());
                sg.Data("csv_values", csv.Values.ToArray());
            }
        }
    }

    public static IReadOnlyList<IStimulus> Read(H5Reader g, List<string> notes)
    {
        var list = new List<IStimulus>();
        foreach (var name in g.Children().OrderBy(n => int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue))
        {
            var sg = g.Group(name);
            if (sg.Text("type") != "stimulus")
            {
                if (SimulationOptionsH5.ReadStimulus(sg, notes) is { } legacy) list.Add(legacy);
                continue;
            }
            var waveform = Waveform.Parse(sg.Text("waveform"), $"{g.File}: {sg.Path}@waveform");
            if (waveform is CsvWaveform csv) waveform = CsvWaveform.FromSamples(csv.Path, sg.Doubles("csv_times_ms"), sg.Doubles("csv_values"), csv.Amplitude);
            var window = new StimulusWindow(sg.Number("from_ms"), sg.NumberOr("to_ms") ?? double.PositiveInfinity, sg.Number("ramp_on_ms"), sg.Number("ramp_off_ms"));
            var spatial = sg.TextOr("spatial") is { } sp ? SpatialWeights.Parse(sp, $"{g.File}: {sg.Path}@spatial") : null;
            list.Add(new Stimulus(waveform, sg.Doubles("weights"), sg.Text("variable"), window, spatial));
        }
        return list;
    }
}
