using Fwbm.Core.Connectivity;
using Fwbm.Core.Grammar;
using Fwbm.Core.Models;
using Fwbm.Core.Options;

namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// The <c>--stimulus</c> option (repeatable; CLI and magics) read into stimuli for a run, and added to its options. Every error is
/// one line that starts with <c>--stimulus '&lt;text&gt;'</c>, raised before anything is simulated or written.
/// </summary>
public static class StimulusOptions
{
    /// <summary>The option's name.</summary>
    public const string Option = "stimulus";

    /// <summary>
    /// Each <c>--stimulus</c> given, parsed and resolved in the order typed: the model is the values' <c>--model</c>, dt and the run's end
    /// (transient + duration) come from <paramref name="options"/> (dt: the model's default when unset). Empty when the option is absent
    /// or the command has none.
    /// </summary>
    public static IReadOnlyList<Stimulus> Read(OptionValues values, SimulationOptions options, Connectome connectome, RegionContext context)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        if (values.Command.Find(Option) is null || !values.Has(Option)) return [];
        var model = ModelRegistry.Get(values.Text("model") ?? throw new FwbmException("--stimulus needs --model (its default variable is the model's input variable).")).Spec;
        return Resolve(values.Texts(Option), model, options, connectome, context);
    }

    /// <summary>Parse and resolve stimulus texts for <paramref name="model"/> on <paramref name="connectome"/> (the C# API of <c>--stimulus</c>).</summary>
    public static IReadOnlyList<Stimulus> Resolve(IEnumerable<string> texts, ModelSpec model, SimulationOptions options, Connectome connectome, RegionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connectome);
        context ??= RegionContext.For(connectome);
        var o = options.ForModel(model);
        double end = o.TransientMs + o.DurationMs;
        return texts.SelectMany(Split).Select(t => StimulusSpec.Parse(t, "--" + Option).Resolve(model, connectome, context, o.DtMs, end, "--" + Option)).ToArray();
    }

    /// <summary>The stimuli of one text: separated by ';' outside brackets and quotes (the magic takes one value per option).</summary>
    public static IEnumerable<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = StimulusArgs.SplitTop(text, ';').Select(p => p.Trim()).ToArray();
        if (parts.All(p => p.Length == 0)) throw new FwbmException("--stimulus is empty; expected e.g. --stimulus \"sine(10Hz, 0.5) at Thal_L\".");
        return parts.Where(p => p.Length > 0);
    }

    /// <summary><paramref name="options"/> with <paramref name="stimuli"/> added after its own (<see cref="SimulationOptions.Stimuli"/>).</summary>
    public static SimulationOptions Apply(SimulationOptions options, IReadOnlyList<Stimulus> stimuli)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stimuli);
        return stimuli.Count == 0 ? options : options with { Stimuli = [.. options.Stimuli, .. stimuli] };
    }

    /// <summary><see cref="Read"/> then <see cref="Apply(SimulationOptions, IReadOnlyList{Stimulus})"/>: the front ends' one call.</summary>
    public static SimulationOptions Apply(OptionValues values, SimulationOptions options, Connectome connectome, RegionContext context) =>
        Apply(options, Read(values, options, connectome, context));
}
