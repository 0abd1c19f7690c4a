using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Analysis;
using Fwbm.Core.Data;
using Fwbm.Core.Exploration;
using Fwbm.Core.Options;
using Fwbm.Core.Measures;
using Fwbm.Core.Simulation;

namespace Fwbm.Interactive.Magics;

/// <summary>
/// <c>#!fwbm-sweep</c>: a grid over one or two parameters run through Core's <see cref="Sweep"/> (one batch: SIMD lanes × all cores,
/// live progress, stops when the kernel is interrupted), scored by the chosen measures; shows the fit curve / heatmap and a
/// DataFrame and binds a <see cref="SweepView"/> (whose <c>.Result</c> is the Core <see cref="SweepResult"/>).
/// </summary>
public sealed class SweepMagic : FwbmMagic
{
    /// <summary>The catalogue's measures the magic can bind (spectral_distance needs a target spectrum: C# API only); the first given one
    /// decides the best point, by the goal the catalogue declares.</summary>
    public static IReadOnlyList<string> MeasureNames => OptionCatalog.SweepMeasures;

    public override string Name => "#!fwbm-sweep";
    public override string Description => "Sweep one or two parameters as one batch (Core Sweep), score every point by the chosen measures; show the fit curve or heatmap and bind the result.";

    public override IReadOnlyList<MagicParameter> Parameters { get; } = MagicOptions.For(OptionCatalog.Sweep, p => p.Name switch
    {
        "fcd-target" => p with { TypeHint = "variable", VariableTypes = [typeof(TimeSeries), typeof(FcdResult)] },
        _ => SharedParameters.Decorate(p),
    });

    public override IReadOnlyList<string> Examples =>
        ["#!fwbm-sweep --connectome hcp --model hopf --over \"coupling=lin(0,1,21)\" --duration 2min --name sweep",
         "#!fwbm-sweep --connectome hcp --over \"coupling=0:0.1:1\" --and \"a=lin(-0.1,0.1,9)\" --measure fc_similarity,fcd_ks --name grid",
         "#!fwbm-sweep --connectome tvb68 --model jansen_rit --over \"coupling=0:0.01:0.05\" --measure psd_peak=10,mean_fc --peak-of eeg --peak-band 2:40 --duration 20s --name jr"];

    public override async Task RunAsync(MagicArguments args, MagicContext context)
    {
        string name = args.Require("name");
        MagicContext.CheckIdentifier(name);
        var setup = SharedParameters.Build(args, context);
        var spec = setup.Model.Spec;
        var axes = new List<ParameterAxis>();
        foreach (var which in new[] { "over", "and" })
            if (args.Axis(which) is { } a)
            {
                try { spec.IndexOf(a.Name); } // unknown names fail here, listing the model's parameters
                catch (FwbmException e) { throw new MagicArgumentException($"{Name}: --{which}: {e.Message}"); }
                axes.Add(a);
            }
        if (axes.Count == 2 && spec.IndexOf(axes[0].Name) == spec.IndexOf(axes[1].Name))
            throw new MagicArgumentException($"{Name}: --over and --and sweep the same parameter '{axes[0].Name}'.");

        var options = setup.Options;
        var measures = Measures(args, setup, context, ref options);
        int repeats = args.Int("repeats", min: 1, max: 1000)!.Value;
        var sweep = new Sweep(setup.Model, setup.Connectome, options, new ParameterSpace(axes), measures, setup.Parameters,
            new SweepOptions { Seed = setup.Seed, Repeats = repeats });

        if (sweep.Estimate(context.CancellationToken) is { IsLong: true } estimate)
            context.DisplayText($"{Name}: {estimate.Describe("use fewer points, a shorter --duration or a larger --dt to shorten")}");
        var progress = context.Progress($"{Name}: {sweep.Runs} simulations of {spec.Name} on '{setup.Connectome.Name}' ({sweep.Space})");
        SweepResult result;
        try
        {
            result = await sweep.RunAsync(progress, context.CancellationToken);
            progress.Done();
        }
        catch (OperationCanceledException) { progress.Cancelled(); throw; }
        catch { progress.Failed(); throw; }
        var view = new SweepView(result);
        await context.BindAsync(name, view);
        SaveParameter.Apply(args, context, view.Save);
        if (args.String("show") != "none") context.Display(view); // the card shows the warnings in a box
        else foreach (var w in result.Warnings) context.DisplayText(w.ToString());
        context.DisplayText($"bound: SweepView {name} ({name}.Result is the Core SweepResult; {name}.ToDataFrame() the table, {name}.Best() the best point, {name}.BestParameters its ParameterSet)");
    }

    private SweepMeasure[] Measures(MagicArguments args, SimulationSetup setup, MagicContext context, ref SimulationOptions options)
    {
        var conn = setup.Connectome;
        string[] specs = args.Has("measure") ? args.Values.Names("measure").ToArray()
            : conn.HasEmpiricalFc ? ["fc_similarity", "mean_fc"] : ["mean_fc", "gs_std"];
        var parsed = new List<(IMeasure Measure, double? Target)>();
        foreach (var spec in specs)
        {
            (IMeasure, double?) p;
            try { p = MeasureCatalog.ParseSpec(spec); }
            catch (FwbmException e) { throw new MagicArgumentException($"{Name}: --measure: {e.Message}"); }
            parsed.Add(p);
        }
        var names = parsed.Select(p => p.Measure.Definition.Name).ToArray();
        if (names.Distinct().Count() != names.Length) throw new MagicArgumentException($"{Name}: --measure lists a measure twice ({string.Join(",", names)}).");
        var list = new List<SweepMeasure>();
        foreach (var (measure, target) in parsed)
        {
            var settings = new MeasureSettings { Target = target };
            string m = measure.Definition.Name;
            if (measure.Definition.Needs.HasFlag(MeasureNeeds.EmpiricalFc) && !conn.HasEmpiricalFc)
                throw new MagicArgumentException($"{Name}: --measure {m} needs an empirical FC, and connectome '{conn.Name}' has none; use a dataset with FC (e.g. hcp) or Connectome.WithEmpiricalFc.");
            if (m == FcdKsMeasure.Info.Name) settings = FcdKs(args, setup, context, settings);
            else if (m == PsdPeakMeasure.Info.Name)
            {
                var (peak, monitor) = PeakHz(args, setup);
                settings = peak with { Target = target };
                options = options with { Monitors = [.. options.Monitors, monitor] };
            }
            else if (measure.Definition.Needs.HasFlag(MeasureNeeds.RawState))
            {
                // phases: the model's first state variable (kuramoto's theta), recorded every --peak-sampling ms
                string phase = setup.Model.Spec.StateVariables[0].Name;
                double period = args.Double("peak-sampling", min: 1e-3)!.Value;
                if (!options.Monitors.Any(x => x is RawMonitorSpec r && r.PeriodMs == period && (r.Variables is null || r.Variables.Contains(phase))))
                    options = options with { Monitors = [.. options.Monitors, new RawMonitorSpec(period, [phase])] };
                settings = settings with { Output = "raw:" + phase };
            }
            try { list.Add(measure.Bind(settings)); }
            catch (FwbmException e) { throw new MagicArgumentException($"{Name}: --measure {m}: {e.Message}"); }
        }
        return list.ToArray();
    }

    private MeasureSettings FcdKs(MagicArguments args, SimulationSetup setup, MagicContext context, MeasureSettings settings)
    {
        double window = args.DurationMs("fcd-window")!.Value, step = args.DurationMs("fcd-step")!.Value;
        if (setup.Options.DurationMs < window + step)
            throw new MagicArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: --measure fcd_ks needs at least two FCD windows: --duration ({setup.Options.DurationMs / 1000:G4} s) must be at least --fcd-window + --fcd-step ({(window + step) / 1000:G4} s)."));
        var windows = FcdWindows.InMs(window, step);
        var conn = setup.Connectome;
        List<FcdResult> fcds = [];
        string? target = args.String("fcd-target");
        void AddBold(TimeSeries bold, string what)
        {
            if (bold.Regions != conn.Count)
                throw new MagicArgumentException($"{Name}: --fcd-target {what} has {bold.Regions} regions but connectome '{conn.Name}' has {conn.Count}.");
            try { fcds.Add(Fcd.Compute(bold, windows)); }
            catch (FwbmException e) { throw new MagicArgumentException($"{Name}: --fcd-target {what}: {e.Message}"); }
        }
        if (target is not null && args.Variable(target) is { } value)
        {
            switch (value)
            {
                case TimeSeries ts: AddBold(ts, $"'{target}'"); break;
                case FcdResult f: fcds.Add(f); break;
                default: throw new MagicArgumentException($"{Name}: --fcd-target '{target}' is a {value.GetType().Name}; expected a TimeSeries (BOLD), an FcdResult, or dataset[:subject].");
            }
        }
        else
        {
            string? id = target, subject = null;
            if (target is not null && target.IndexOf(':') is int colon and > 0) { id = target[..colon]; subject = target[(colon + 1)..]; }
            id ??= conn.Source?.DatasetId;
            if (id is null || !Datasets.IsDatasetId(id))
                throw new MagicArgumentException(target is null
                    ? $"{Name}: --measure fcd_ks needs --fcd-target (a TimeSeries or FcdResult variable, or dataset[:subject]): connectome '{conn.Name}' does not come from a dataset with BOLD."
                    : $"{Name}: --fcd-target '{target}' is neither a TimeSeries/FcdResult variable of this notebook nor dataset[:subject] (datasets with BOLD: {string.Join(", ", Datasets.List().Where(d => d.Has("bold")).Select(d => d.Id))}).");
            if (!Datasets.Info(id).Has("bold"))
                throw new MagicArgumentException($"{Name}: dataset '{id}' has no BOLD time series to compute an empirical FCD from; give --fcd-target a TimeSeries or FcdResult variable.");
            var subjects = subject is null ? Datasets.Subjects(id) : [subject];
            foreach (var s in subjects)
            {
                var bold = Datasets.LoadBold(id, s);
                context.ShowAttributionOnce(bold.Source);
                AddBold(bold, $"{id}:{s}");
            }
        }
        return settings with { EmpiricalFcd = fcds, FcdWindows = windows };
    }

    private (MeasureSettings, MonitorSpec) PeakHz(MagicArguments args, SimulationSetup setup)
    {
        var spec = setup.Model.Spec;
        string variable = args.String("peak-of") ?? spec.StateVariables[0].Name;
        string canonical;
        try
        {
            var (obs, k) = spec.RecordableIndexOf(variable);
            canonical = obs ? spec.Observables[k].Name : spec.StateVariables[k].Name;
        }
        catch (FwbmException e) { throw new MagicArgumentException($"{Name}: --peak-of: {e.Message}"); }
        double period = args.DurationMs("peak-sampling")!.Value;
        if (period < setup.Options.DtMs)
            throw new MagicArgumentException(string.Create(CultureInfo.InvariantCulture, $"{Name}: --peak-sampling {period:G4} ms is shorter than dt ({setup.Options.DtMs:G4} ms)."));
        double low = 0, high = double.PositiveInfinity;
        if (args.Interval("peak-band") is { } band)
        {
            (low, high) = band;
            if (low < 0) throw new MagicArgumentException($"{Name}: --peak-band '{args.String("peak-band")}' is not low:high in Hz with 0 ≤ low < high; expected e.g. --peak-band 2:40.");
        }
        int samples = (int)Math.Floor(setup.Options.DurationMs / period);
        if (samples < 16)
            throw new MagicArgumentException(string.Create(CultureInfo.InvariantCulture, $"{Name}: psd_peak: --duration gives only {samples} samples at --peak-sampling {period:G4} ms; expected at least 16."));
        // four Welch segments over the recording (Δf = 4 / duration), half overlapping
        var welch = new WelchOptions { SegmentSamples = Math.Max(8, samples / 4) };
        string key = "tavg:" + canonical;
        return (new MeasureSettings { Output = key, Welch = welch, LowHz = low, HighHz = high }, new TemporalAverageMonitorSpec(period, [canonical]));
    }
}
