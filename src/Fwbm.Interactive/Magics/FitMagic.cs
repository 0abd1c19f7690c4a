using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;
using Fwbm.Core.Models;
using Fwbm.Core.Options;
using Fwbm.Core.Simulation;
using Fwbm.Interactive.Plotting;
using Fwbm.Torch;
using Fwbm.Torch.Fitting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using TorchFitProgress = Fwbm.Torch.Fitting.FitProgress;

namespace Fwbm.Interactive.Magics;

/// <summary>
/// <c>#!fwbm-fit</c>: a gradient fit (Torch backend, TorchSharp optimisers) of the global coupling and model parameters — one value or one per region —
/// to the empirical FC of training subjects, scored on held-out subjects. A thin layer over <see cref="GradientFit"/>: the arguments
/// become <see cref="FitData"/> (via <see cref="FitInputs"/>) and <see cref="FitOptions"/>; a live loss curve with ETA updates every
/// epoch; a kernel interrupt stops within the current window and keeps what was done. The <see cref="FitRun"/> is bound to
/// <c>--name</c> when training starts.
/// </summary>
public sealed partial class FitMagic : FwbmMagic
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Loads the Torch backend (the native part); replaceable in tests.</summary>
    internal static Func<TorchNativeInfo> LoadTorch { get; set; } = TorchRuntime.EnsureLoaded;

    public override string Name => "#!fwbm-fit";
    public override string Description =>
        "Fit the global coupling and model parameters (one value or one per region) to empirical FC by gradient descent (Torch backend; Adam, AdamW or SGD with a learning-rate schedule), " +
        "with a live loss curve; FC similarity before/after on training and held-out subjects; bind the FitRun to a C# variable.";

    public override IReadOnlyList<MagicParameter> Parameters { get; } = MagicOptions.For(OptionCatalog.Fit, p => p.Name switch
    {
        "connectome" => p with { TypeHint = "variable", Suggestions = () => ConnectomeSources.DatasetIds().Prepend("simulated:20:1"), VariableTypes = [typeof(Connectome), typeof(SimulationRun)] },
        "fit" => p with
        {
            // each model's default fit first (coupling,a for hopf; coupling,ext_e for wilson_cowan …), then single parameter names
            Suggestions = () => ModelRegistry.All.Select(m => string.Join(",", m.Spec.DefaultFit.Prepend("coupling")))
                .Append("coupling").Concat(ModelRegistry.All.SelectMany(m => m.Spec.Parameters.Select(q => q.Name))).Distinct(),
        },
        "checkpoint" => p with { TypeHint = "file" },
        "name" => p with { TypeHint = "variable" },
        _ => p,
    });

    public override IReadOnlyList<string> Examples =>
    [
        "#!fwbm-fit --connectome hcp --model hopf --fit coupling,a --epochs 15 --lr 0.03 --dt 20 --velocity 5 --train 101309,102311,102816,131217,211619 --test 213522,377451 --name fit",
        "#!fwbm-fit --connectome simulated:20:1 --epochs 10 --device cpu --dtype float32 --checkpoint fit.json --name fit",
        "#!fwbm-fit --connectome sc --train trainIds --test testIds --epochs 30 --checkpoint fit.json --resume --name fit",
    ];

    public override async Task RunAsync(MagicArguments args, MagicContext context)
    {
        string name = args.Require("name");
        try { MagicContext.CheckIdentifier(name); }
        catch (MagicArgumentException e) { throw new MagicArgumentException($"{Name}: {e.Message}"); }
        var (options, modelSpec) = BuildOptions(args);
        string? checkpoint = args.String("checkpoint") is { } cp ? Path.GetFullPath(args.Variable(cp) as string ?? cp) : null;
        bool resume = args.Flag("resume");
        if (resume && checkpoint is null) throw new MagicArgumentException($"{Name}: --resume needs --checkpoint (the file to continue from).");
        var train = SubjectList(args, "train");
        var test = SubjectList(args, "test");

        // the native Torch backend: a missing libtorch package is named here, before anything runs
        TorchNativeInfo native;
        try { native = LoadTorch(); }
        catch (FwbmException e) { throw new FwbmException($"{Name}: {e.Message}"); }

        var data = ResolveData(args.Require("connectome"), train, test, context);
        try { data = data with { Connectome = ConnectomeNormalisation.Apply(data.Connectome, args.String("normalise")!) }; }
        catch (FwbmException e) when (e is not MagicArgumentException) { throw new MagicArgumentException($"{Name}: --normalise {args.String("normalise")}: {e.Message}"); }
        try { GradientFit.Validate(data, options); }
        catch (FwbmException e) when (e is not MagicArgumentException) { throw new MagicArgumentException($"{Name}: {e.Message}"); }

        // the size of the fit (the model's defaults marked) and, for a long one, how long it will take
        context.DisplayText($"{Name}: {FitDefaults.Describe(options, args.Has)}");
        var estimate = GradientFit.Estimate(data, options, checkpoint, resume, context.CancellationToken);
        if (estimate.IsLong) context.DisplayText($"{Name}: {estimate.Describe()}");

        var run = new FitRun(data, options, checkpoint);
        await context.BindAsync(name, run);
        // the live chart is updated in place: give the session plotly.js in an output of its own first, so no update drops it
        if (PlotlyHtml.LibraryForSession() is { } library) context.Invocation.DisplayAs(library, "text/html");
        var live = new LiveFit(context.Invocation,
            $"{Name} {modelSpec.Name} on '{data.Connectome.Name}' ({data.Connectome.Count} regions; {string.Join(", ", options.Fit)}; " +
            $"{options.Device}{(options.Device == "auto" ? (native.CudaAvailable ? " → cuda" : " → cpu") : "")}, {options.DType})",
            options.Epochs!.Value);
        try
        {
            await Task.Run(() => run.Execute(resume, live, live, context.CancellationToken), context.CancellationToken);
        }
        catch (FitCancelledException stopped)
        {
            live.End("stopped (kernel interrupted)");
            var p = stopped.Partial;
            throw new MagicCancelledException(string.Create(Ci,
                $"{Name}: stopped by the kernel interrupt after {p.History.Count} of {options.Epochs} epochs. {name} keeps them: {name}.Fitted (the last parameters), " +
                $"{name}.Best (epoch {p.BestEpoch}'s), {name}.Before; {(checkpoint is null ? "no checkpoint was asked for" : p.History.Count == 0 ? "no epoch completed, so no checkpoint was written" : $"checkpoint {checkpoint} holds epoch {p.History.Count} (continue with --resume)")}."),
                context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            live.End("stopped (kernel interrupted) before the first epoch");
            throw new MagicCancelledException($"{Name}: stopped by the kernel interrupt before any epoch ran; {name} holds no result.", context.CancellationToken);
        }
        catch (Exception)
        {
            live.End("failed");
            throw;
        }
        // the result card below repeats the curve: the live display shrinks to one line
        live.End("done", collapse: args.String("show") != "none");
        SaveParameter.Apply(args, context, run.Save);
        if (args.String("show") != "none") context.Display(run);
        context.DisplayText($"bound: FitRun {name} ({name}.Fitted, {name}.Best, {name}.Before/{name}.After, {name}.Comparison, {name}.Result = GradientFit's FitResult)");
    }

    /// <summary>The <see cref="FitOptions"/> the arguments describe (parse errors name the parameter).</summary>
    internal (FitOptions Options, ModelSpec Model) BuildOptions(MagicArguments args)
    {
        var model = ModelRegistry.Get(args.Require("model")).Spec;
        // nothing named: the model's default fit, bounds, initial coupling and run (FitDefaults)
        var fit = args.Names("fit").ToArray();
        // parameter names: the model's (and its aliases) and, for --fit, the coupling
        int Find(string n, string option, string shown, bool coupling)
        {
            int k;
            try { k = model.IndexOf(n); }
            catch (FwbmException) { k = -2; }
            if (k >= 0 || k == -1 && coupling) return k;
            throw new MagicArgumentException($"{Name}: --{option} '{shown}': model '{model.Name}' has no parameter '{n}'; allowed: " +
                (coupling ? "coupling (G), " : "") + string.Join(", ", model.Parameters.Select(p => p.Name)) + (coupling ? " (add :scalar for one value for all regions)." : "."));
        }
        foreach (var f in fit) Find(f.Split(':')[0], "fit", f, coupling: true);
        var initial = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (args.Has("coupling")) initial["coupling"] = args.Double("coupling", min: 0)!.Value;
        foreach (var a in args.Assignments("param"))
        {
            int k = Find(a.Name, "param", a.Name, coupling: false);
            try { initial[model.Parameters[k].Name] = a.Scalar("--param"); }
            catch (FwbmException e) { throw new MagicArgumentException($"{Name}: {e.Message}"); }
        }
        var bounds = new Dictionary<string, (double, double)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, lo, hi) in args.Bounds("bounds")) bounds[k] = (lo, hi);
        string device = args.Require("device");
        var run = FitDefaults.Simulation(model);
        double dt = args.DurationMs("dt") ?? run.DtMs;
        var options = new FitOptions
        {
            Model = model.Name, Fit = fit, Initial = initial, Bounds = bounds,
            Epochs = args.Int("epochs", min: 0), LearningRate = args.Double("lr", min: double.Epsilon)!.Value,
            Optimizer = args.Require("optimizer"), LrSchedule = args.Require("lr-schedule"),
            WindowSamples = args.Int("window", min: 0), Realisations = args.Int("realisations", min: 1, max: 1024)!.Value,
            Seed = args.ULong("seed")!.Value, Device = device, DType = args.String("dtype"),
            Simulation = new SimulationOptions
            {
                DtMs = dt, DurationMs = args.DurationMs("duration") ?? run.DurationMs, TransientMs = args.DurationMs("transient") ?? run.TransientMs,
                VelocityMPerS = args.Double("velocity"),
                Integrator = args.String("integrator") == "euler" ? IntegratorKind.EulerMaruyama : IntegratorKind.Heun,
                Monitors = [new BoldMonitorSpec(args.Has("tr") ? args.DurationMs("tr")!.Value : run.Monitors.OfType<BoldMonitorSpec>().First().TrMs) { IntegrationStepMs = dt }],
            },
        };
        try { return (GradientFit.Resolve(options), model); }
        catch (FwbmException e) when (e is not MagicArgumentException) { throw new MagicArgumentException($"{Name}: {e.Message}"); }
    }

    /// <summary>Subject ids: "a,b,c", or a C# variable holding a string or a list of strings.</summary>
    private static IReadOnlyList<string> SubjectList(MagicArguments args, string parameter)
    {
        if (args.String(parameter) is not { } text) return [];
        return args.Variable(text) switch
        {
            string s => [s],
            IEnumerable<string> list => list.ToArray(),
            _ => args.Names(parameter),
        };
    }

    private FitData ResolveData(string value, IReadOnlyList<string> train, IReadOnlyList<string> test, MagicContext context)
    {
        try
        {
            if (context.TryGetVariable<FitData>(value, out var given))
                return train.Count == 0 && test.Count == 0 ? given : FitInputs.Split(given.Connectome, given.Train.Concat(given.Test).ToList(), train, test);
            if (context.TryGetVariable<Connectome>(value, out var c)) return FitInputs.ForConnectome(c, train, test);
            if (context.TryGetVariable<SimulationRun>(value, out var r)) return FitInputs.ForConnectome(r.Connectome, train, test);
            if (value.StartsWith("simulated", StringComparison.OrdinalIgnoreCase)) return FitInputs.Resolve(value, train, test);
        }
        catch (FwbmException e) when (e is not MagicArgumentException) { throw new MagicArgumentException($"{Name}: {e.Message}"); }

        Connectome conn;
        try { conn = Datasets.LoadConnectome(value); }
        catch (FwbmException e)
        {
            var vars = context.VariablesOf<Connectome>().Concat(context.VariablesOf<FitData>()).ToArray();
            throw new MagicArgumentException($"{Name}: --connectome '{value}' is neither a Connectome or FitData variable of this notebook" +
                (vars.Length > 0 ? $" (there are: {string.Join(", ", vars)})" : "") + $", nor simulated[:regions[:seed]], nor a loadable dataset: {e.Message}");
        }
        if (Datasets.IsDatasetId(value)) context.ShowAttributionOnce(conn.Source);
        try { return FitInputs.ForConnectome(conn, train, test); }
        catch (FwbmException e) when (e is not MagicArgumentException) { throw new MagicArgumentException($"{Name}: {e.Message}"); }
    }

    /// <summary>The live display of a running fit: loss and FC similarity per epoch, what it is doing, elapsed time and ETA.</summary>
    private sealed class LiveFit : IProgress<TorchFitProgress>, IProgress<FitPhase>
    {
        private readonly object _gate = new();
        private readonly DisplayedValue? _display;
        private readonly string _title;
        private readonly int _epochs;
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private IReadOnlyList<FitEpoch> _history = [];
        private string _status = "starting";
        private TimeSpan? _evaluationStart, _evaluation;
        private bool _ended, _finished;

        public LiveFit(KernelInvocationContext context, string title, int epochs)
        {
            _title = title; _epochs = epochs;
            _display = context.Display(View(), "text/html", "text/plain");
        }

        public void Report(FitPhase phase)
        {
            lock (_gate)
            {
                if (phase.Stage == FitPhase.EvaluateInitial) _evaluationStart = _clock.Elapsed;
                else if (_evaluationStart is { } t0 && _evaluation is null) _evaluation = _clock.Elapsed - t0;
                _status = phase.ToString();
                Update();
            }
        }

        public void Report(TorchFitProgress value)
        {
            lock (_gate) { _history = value.History; Update(); }
        }

        /// <summary>The final state; with <paramref name="collapse"/> the display becomes one line (a result card with the curve follows).</summary>
        public void End(string state, bool collapse = false)
        {
            lock (_gate)
            {
                _status = state; _finished = true;
                if (collapse)
                {
                    var v = View();
                    string losses = v.Loss.Count > 0 ? string.Create(Ci, $", loss {v.Loss[0]:G4} → {v.Loss[^1]:G4}") : "";
                    var line = new ProgressView(_title, 1, v.Elapsed, null, $"{state}: {v.Iteration} epochs{losses} (result below)");
                    try { _display?.Update(line); } catch (Exception) { }
                }
                else Update();
                _ended = true;
            }
        }

        private FitProgressView View()
        {
            TimeSpan? eta = null;
            if (_history.Count > 0)
            {
                double perEpoch = _history.Average(e => e.Seconds);
                eta = TimeSpan.FromSeconds(perEpoch * Math.Max(0, _epochs - _history.Count) + (_evaluation?.TotalSeconds ?? perEpoch / 3));
            }
            return new FitProgressView(_history.Select(e => e.Loss).ToArray(), _history.Select(e => e.Similarity).ToArray(), _history.Count, _epochs, _clock.Elapsed)
            {
                Title = _title, Unit = "epoch", Status = _status, Estimate = eta, Finished = _finished,
            };
        }

        private void Update()
        {
            if (_ended) return;
            try { _display?.Update(View()); }
            catch (Exception) { /* the cell ended (e.g. interrupted) while the fit finished its window: nothing to update */ }
        }
    }
}
