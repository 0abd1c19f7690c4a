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
/// <item>the simulated run of every epoch (dt, duration, transient, BOLD TR, truncated-backpropagation window): see <see cref="Simulation"/>.</item>
/// </list>
/// </summary>
public static class FitDefaults
{
    /// <summary>The largest dt a fit uses by default (ms): Hopf's Deco-style fits are accurate at 10 ms.</summary>
    public const double MaxDefaultDtMs = 10;

    /// <summary>Coupling plus <see cref="ModelSpec.DefaultFit"/>: e.g. hopf → coupling, a; wilson_cowan → coupling, ext_e.</summary>
    public static IReadOnlyList<string> Fit(ModelSpec model) => [ModelSpec.CouplingParameter.Name, .. model.DefaultFit];

    /// <summary>A quarter of the way into <see cref="ModelSpec.CouplingFitRange"/>.</summary>
    public static double InitialCoupling(ModelSpec model) =>
        model.CouplingFitRange.Min + 0.25 * (model.CouplingFitRange.Max - model.CouplingFitRange.Min);

    /// <summary>The interval a fitted parameter is projected onto unless <see cref="FitOptions.Bounds"/> names it.</summary>
    public static (double Min, double Max) Bounds(ModelSpec model, ParameterSpec parameter) =>
        ReferenceEquals(parameter, ModelSpec.CouplingParameter) ? model.CouplingFitRange : parameter.FitRange;

    /// <summary>
    /// The integration step of a default fit: 10 ms, or less when the model needs it — its fixed <see cref="ModelSpec.MaxDtMs"/>
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
    /// The simulated run of every epoch for a quickstart-sized fit. Hopf (dt 10 ms): 300 s of BOLD after a 20 s transient, TR 0.72 s
    /// (as the HCP) — 30 000 steps per epoch. A model that needs dt ≤ 1 ms would take 10× to 50× as many steps for the same BOLD, and
    /// backpropagation keeps every step's graph: 60 s after a 5 s transient instead (still 83 BOLD samples at TR 0.72 s), with the
    /// Balloon model integrated at the same dt.
    /// </summary>
    public static SimulationOptions Simulation(ModelSpec model)
    {
        double dt = DtMs(model);
        bool fast = Fast(model);
        return new SimulationOptions
        {
            DtMs = dt, DurationMs = fast ? 60_000 : 300_000, TransientMs = fast ? 5_000 : 20_000, Integrator = IntegratorKind.Heun,
            Monitors = [new BoldMonitorSpec(720) { IntegrationStepMs = dt }],
        };
    }

    /// <summary>
    /// BOLD samples per truncated-backpropagation window: 0 (the whole run, one optimiser step per epoch) for Hopf; 10 samples (7.2 s
    /// at TR 0.72 s: 36 000 steps at Epileptor's 0.2 ms) for the models that need dt ≤ 1 ms — the memory backpropagation needs grows with
    /// the steps in a window, and a whole 60 s run at 0.2 ms would hold 300 000 steps' graphs.
    /// </summary>
    public static int WindowSamples(ModelSpec model) => Fast(model) ? 10 : 0;

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
        return options with
        {
            Model = model.Name,
            Fit = options.Fit.Count > 0 ? options.Fit : Fit(model),
            Initial = initial,
            Simulation = options.Simulation ?? Simulation(model),
            WindowSamples = options.WindowSamples ?? WindowSamples(model),
            LrSchedule = LearningRateSchedule.Parse(options.LrSchedule, options.Epochs).ToString(),
        };
    }
}
