using Fwbm.Core.Connectivity;
using Fwbm.Core.Grammar;
using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// A parsed <c>--stimulus</c> text, before it meets a model and a connectome: waveform, spatial specification, window and
/// (optionally) the variable. Grammar (docs/reference/stimuli.md):
/// <code>
/// stimulus := shape "(" args ")" "at" spatial ["from" time] ["to" time] ["ramp" time ["," time]] ["on" variable]
/// shape    := pulse | train | tbs | sine | dc | ou | csv
/// spatial  := region selector | per-region vector ([…], @file, receptor:…, label:…) | falloff(x=…, y=…, z=…, sigma=…|r0=…[, cutoff=…])
/// </code>
/// <see cref="ToString"/> is the canonical text; parsing it gives an equal value.
/// </summary>
public sealed record StimulusSpec(Waveform Waveform, SpatialWeights Spatial, StimulusWindow Window, string? Variable = null)
{
    /// <summary>Parse one stimulus; <paramref name="subject"/> (e.g. "--stimulus") starts every error with the text.</summary>
    public static StimulusSpec Parse(string text, string subject = "--stimulus") => StimulusParser.Parse(text, subject);

    /// <summary>
    /// This stimulus on a run: the variable (default: the model's <see cref="ModelSpec.DefaultInputVariable"/>; an unknown one is an
    /// error with a suggestion), the weights on <paramref name="connectome"/>, the waveform bound (files, OU cell = dt), checked against
    /// the run: it must start before <paramref name="endMs"/> (transient + duration) and every frequency must be at most the Nyquist
    /// rate 1/(2 dt).
    /// </summary>
    public Stimulus Resolve(ModelSpec model, Connectome connectome, RegionContext context, double dtMs, double endMs, string subject = "--stimulus")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(connectome);
        ArgumentNullException.ThrowIfNull(context);
        string where = $"{subject} '{this}'";
        string variable = ResolveVariable(model, where);
        double nyquist = 1000 / (2 * dtMs);
        foreach (var (name, hz) in Waveform.Rates)
            if (hz > nyquist * (1 + 1e-12))
                throw new FwbmException($"{where}: {Waveform.Shape} {name} = {StimulusFormat.G(hz)} Hz is above the Nyquist rate 1/(2·dt) = {StimulusFormat.G(nyquist)} Hz of dt = {StimulusFormat.G(dtMs)} ms; expected {name} ≤ {StimulusFormat.G(nyquist)} Hz, or --dt ≤ {StimulusFormat.G(500 / hz)}ms.");
        Waveform bound;
        try { bound = Waveform.Bind(context.BaseDirectory, dtMs); }
        catch (FwbmException e) { throw new FwbmException($"{where}: {e.Message}"); }
        var window = Window;
        if (window.FromMs >= endMs)
            throw new FwbmException($"{where}: starts at {StimulusFormat.G(window.FromMs)} ms, after the run ends at {StimulusFormat.G(endMs)} ms (transient + duration, times from the start of the transient); expected from < {StimulusFormat.G(endMs)}ms, or a longer --duration.");
        var firstOnset = bound.OnsetsMs(endMs - window.FromMs).Take(1).ToArray();
        if (firstOnset.Length == 0 || window.FromMs + firstOnset[0] >= Math.Min(endMs, window.ToMs))
            throw new FwbmException($"{where}: its waveform first acts after the {(window.ToMs < endMs ? "window closes" : "run ends")} at {StimulusFormat.G(Math.Min(endMs, window.ToMs))} ms; expected a stimulus inside the run.");
        var weights = Spatial.Resolve(connectome, context, where);
        return new Stimulus(bound, weights, variable, window, Spatial);
    }

    private string ResolveVariable(ModelSpec model, string where)
    {
        if (Variable is null) return model.DefaultInputVariable;
        foreach (var v in model.StateVariables) if (string.Equals(v.Name, Variable, StringComparison.OrdinalIgnoreCase)) return v.Name;
        var names = model.StateVariables.Select(v => v.Name).ToArray();
        throw new FwbmException($"{where}: model '{model.Name}' has no state variable '{Variable}'; expected one of {Suggest.Join(names)} (default {model.DefaultInputVariable})" +
            (Suggest.DidYouMean(Variable, names) is { } dym ? $"; {dym}" : "."));
    }

    /// <summary>The canonical text.</summary>
    public override string ToString() => $"{Waveform} at {Spatial}{Window}{(Variable is null ? "" : " on " + Variable)}";
}
