using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Torch.Fitting;

/// <summary>
/// What a fit does when the options leave something to the model — the one place these defaults are decided (<c>fwbm fit</c>,
/// <c>#!fwbm-fit</c> and <see cref="GradientFit"/> all read them from here):
/// <list type="bullet">
/// <item>fitted parameters: the global coupling and the model's <see cref="ModelSpec.DefaultFit"/> (one value per region);</item>
/// <item>bounds: <see cref="ModelSpec.CouplingFitRange"/> for the coupling and <see cref="ParameterSpec.FitRange"/> for a model parameter;</item>
/// <item>initial coupling: a quarter of the way into <see cref="ModelSpec.CouplingFitRange"/> (Hopf: 0.5 of [0, 2]) — weakly coupled,
///   so the first epochs see the nodes' own dynamics and the gradient tells the coupling which way to go;</item>
/// <item>the size of a default fit — dt, dtype, the simulated run of every epoch, the truncated-backpropagation window and the
///   epochs (<see cref="DtMs"/>, <see cref="DType"/>, <see cref="Simulation"/>, <see cref="WindowSamples"/>, <see cref="Epochs"/>) —
///   chosen so that a first fit on a connectome of about 80 regions (the quickstart's hcp) is a matter of tens of seconds on a
///   2-core CPU for Hopf, and still raises the FC similarity (<see cref="Describe"/> says what they are and why, and the CLI and the
///   magic print it before a fit). A full-size fit sets <c>--duration</c>, <c>--epochs</c> (and <c>--dt</c>) explicitly.</item>
/// </list>
/// </summary>
public static class FitDefaults
{
    /// <summary>The largest dt a fit uses by default (ms): Hopf at 20 ms (36 steps per TR of 0.72 s) keeps the coupling term's explicit
    /// step well inside Heun's stability (G·Σw·dt ≤ 0.4 on max-normalised connectomes at G = 2) and the rotation ωdt at 0.006 rad.</summary>
    public const double MaxDefaultDtMs = 20;

    /// <summary>Precision of a default fit: float32 — half the memory of float64 for the autograd graph (which holds every step of a
    /// window: the default Hopf fit peaks at ≈ 0.65 GB), accurate enough for FC (the reference notebook's fit); on a CPU at these tensor
    /// sizes it is about as fast as float64, not faster (docs/benchmarks.md) — speed comes from dt, the run length and the epochs.</summary>
    public static string DType(ModelSpec model) => "float32";

    /// <summary>Epochs of a default fit: 5 for Hopf (4 000 steps each, ≈ 1–2 ms per forward + backward step of the batch on one
    /// core: tens of seconds in all), 3 for the models that need dt ≤ 1 ms (each epoch tens of thousands of steps — minutes: the
    /// estimate printed before the fit says how long).</summary>
    public static int Epochs(ModelSpec model) => Fast(model) ? 3 : 5;

    /// <summary>Coupling plus <see cref="ModelSpec.DefaultFit"/>: e.g. hopf → coupling, a; wilson_cowan → coupling, ext_e.</summary>
    public static IReadOnlyList<string> Fit(ModelSpec model) => [ModelSpec.CouplingParameter.Name, .. model.DefaultFit];

    /// <summary>A quarter of the way into <see cref="ModelSpec.CouplingFitRange"/>.</summary>
    public static double InitialCoupling(ModelSpec model) =>
        model.CouplingFitRange.Min + 0.25 * (model.CouplingFitRange.Max - model.CouplingFitRange.Min);

    /// <summary>The interval a fitted parameter is projected onto unless <see cref="FitOptions.Bounds"/> names it.</summary>
    public static (double Min, double Max) Bounds(ModelSpec model, ParameterSpec parameter) =>
        ReferenceEquals(parameter, ModelSpec.CouplingParameter) ? model.CouplingFitRange : parameter.FitRange;

    /// <summary>
    /// The integration step of a default fit: 20 ms (<see cref="MaxDefaultDtMs"/>), or less when the model needs it — its fixed <see cref="ModelSpec.MaxDtMs"/>
    /// (the DMF and Wilson–Cowan are stiff below 0.5 ms: their fast synaptic/population time constants of a few ms make the explicit
    /// schemes blow up at larger steps; Epileptor 0.2 ms; Jansen–Rit and Kuramoto 1 ms) and every <see cref="ModelSpec.DtLimits"/>
    /// entry evaluated at the largest |value| the fit may reach (the end of the parameter's fit range when the default fit moves it,
    /// its default value otherwise: Kuramoto's ω may grow to 2π·50 rad/s, which needs 20 steps per cycle, i.e. dt ≤ 1 ms).
    /// </summary>
    public static double DtMs(ModelSpec model)
    {
        double dt = Math.Min(MaxDefaultDtMs, model.MaxDtMs);
        foreach (var lim in model.DtLimits)
        {
            var p = model.Parameters[model.IndexOf(lim.Parameter)];
            double reach = model.DefaultFit.Any(p.Accepts) ? Math.Max(Math.Abs(p.FitRange.Min), Math.Abs(p.FitRange.Max)) : Math.Abs(p.Default);
            if (reach > 0) dt = Math.Min(dt, lim.MaxProduct / reach * model.TimeUnitMs);
        }
        return dt;
    }

    /// <summary>True for a model whose default step is below 5 ms (all but Hopf): many steps per BOLD sample.</summary>
    private static bool Fast(ModelSpec model) => DtMs(model) < 5;

    /// <summary>
    /// The simulated run of every epoch (and of the before/after evaluations) of a default fit. Hopf (dt 20 ms): 60 s of BOLD after a
    /// 20 s transient, TR 0.72 s (as the HCP; 83 samples) — 4 000 steps per epoch; averaged over the realisations, 60 s gives an FC
    /// stable enough for the gradient (the reference notebook's configuration; a full-size fit uses 300 s). A model that needs
    /// dt ≤ 1 ms takes 20× to 100× as many steps for the same BOLD: 30 s after a 5 s transient (41 samples), with the Balloon model
    /// integrated at the same dt.
    /// </summary>
    public static SimulationOptions Simulation(ModelSpec model)
    {
        double dt = DtMs(model);
        bool fast = Fast(model);
        return new SimulationOptions
        {
            DtMs = dt, DurationMs = fast ? 30_000 : 60_000, TransientMs = fast ? 5_000 : 20_000, Integrator = IntegratorKind.Heun,
            Monitors = [new BoldMonitorSpec(720) { IntegrationStepMs = dt }],
        };
    }

    /// <summary>
    /// BOLD samples per truncated-backpropagation window: 0 (the whole run, one optimiser step per epoch) for Hopf; 10 samples (7.2 s
    /// at TR 0.72 s: 36 000 steps at Epileptor's 0.2 ms) for the models that need dt ≤ 1 ms — the memory backpropagation needs grows with
    /// the steps in a window, and a whole 30 s run at 0.2 ms would hold 175 000 steps' graphs.
    /// </summary>
    public static int WindowSamples(ModelSpec model) => Fast(model) ? 10 : 0;

    /// <summary>
    /// One line naming the size of a fit — dt, dtype, BOLD per run, transient, TR, realisations, epochs, window — with each value the
    /// model's fit default marked "*" and why those defaults (what <c>fwbm fit</c> and <c>#!fwbm-fit</c> print before a fit), e.g.
    /// "dt 20 ms*, float32*, 60 s of BOLD* after a 20 s transient*, TR 0.72 s*, 4 realisations*, 8 epochs*, window: whole run* (* hopf's
    /// fit defaults: …)".
    /// </summary>
    /// <param name="options">The options as given (resolved here).</param>
    /// <param name="given">Which of the options dt, dtype, duration, transient, tr, realisations, epochs, window the user set (by option
    /// name, as in the catalogue); null: judged from <paramref name="options"/> alone (null = default; a given simulation counts as given).</param>
    public static string Describe(FitOptions options, Func<string, bool>? given = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var r = Resolve(options);
        var model = ModelRegistry.Get(r.Model).Spec;
        var sim = r.Simulation!;
        bool Given(string name) => given?.Invoke(name) ?? name switch
        {
            "dtype" => options.DType is not null, "epochs" => options.Epochs is not null, "window" => options.WindowSamples is not null,
            "realisations" => options.Realisations != new FitOptions().Realisations, "dt" => options.Simulation?.HasDt == true,
            _ => options.Simulation is not null,
        };
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        string M(string name, string text) => Given(name) ? text : text + "*";
        string S(double ms) => (ms / 1000).ToString("G4", ci) + " s";
        var bold = sim.Monitors.OfType<BoldMonitorSpec>().FirstOrDefault();
        int window = r.WindowSamples ?? 0;
        var parts = new List<string>
        {
            M("dt", $"dt {sim.DtMs.ToString("G4", ci)} ms"), M("dtype", r.DType!), M("duration", $"{S(sim.DurationMs)} of BOLD") + " " + M("transient", $"after a {S(sim.TransientMs)} transient"),
        };
        if (bold is not null) parts.Add(M("tr", $"TR {S(bold.TrMs)}"));
        parts.Add(M("realisations", $"{r.Realisations} realisation{(r.Realisations == 1 ? "" : "s")}"));
        parts.Add(M("epochs", $"{r.Epochs} epoch{(r.Epochs == 1 ? "" : "s")}"));
        parts.Add(M("window", window == 0 ? "window: whole run" : $"window: {window} BOLD samples"));
        bool anyDefault = parts.Any(p => p.Contains('*'));
        string why = Fast(model)
            ? $"{model.Name} needs dt ≤ {DtMs(model).ToString("G3", ci)} ms, so even this short run is tens of thousands of steps per epoch: expect minutes; a full-size fit sets --duration and --epochs"
            : $"sized so that a first fit on about 80 regions takes tens of seconds on a 2-core CPU and still raises the FC similarity; a full-size fit sets e.g. --duration 300s --epochs 15";
        return string.Join(", ", parts) + (anyDefault ? $" (* {model.Name}'s fit defaults: {why})" : "");
    }

    /// <summary>
    /// <paramref name="options"/> with everything left to the model filled in (fitted parameters, initial coupling, simulation, window,
    /// a cosine schedule's period): what a fit runs, records in its checkpoint and reports as <see cref="FitResult.Options"/>.
    /// </summary>
    public static FitOptions Resolve(FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = ModelRegistry.Get(options.Model).Spec;
        var initial = new Dictionary<string, double>(options.Initial, StringComparer.OrdinalIgnoreCase);
        if (!initial.Keys.Any(ModelSpec.CouplingParameter.Accepts)) initial[ModelSpec.CouplingParameter.Name] = InitialCoupling(model);
        int epochs = options.Epochs ?? Epochs(model);
        // a simulation without dt: the fit's default step (not the model's simulation default)
        var sim = options.Simulation is { } given ? (given.HasDt ? given : given with { DtMs = DtMs(model) }) : Simulation(model);
        return options with
        {
            Model = model.Name,
            Fit = options.Fit.Count > 0 ? options.Fit : Fit(model),
            Initial = initial,
            Epochs = epochs,
            DType = options.DType ?? DType(model),
            Simulation = sim,
            WindowSamples = options.WindowSamples ?? WindowSamples(model),
            LrSchedule = LearningRateSchedule.Parse(options.LrSchedule, epochs).ToString(),
        };
    }
}
