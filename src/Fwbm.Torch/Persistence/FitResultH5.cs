using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Persistence;
using Fwbm.Torch.Fitting;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch.Persistence;

/// <summary>
/// A fit in a result file (kind <c>fit</c>), written with Core's HDF5 vocabulary: root attributes <c>completed</c>, <c>best_epoch</c>,
/// <c>device</c>, <c>dtype</c>, <c>seed</c>; groups <c>model</c>, <c>fit_options</c> (with <c>initial</c>, <c>bounds</c>,
/// <c>simulation</c>), <c>initial_parameters</c>, <c>fitted_parameters</c>, <c>best_parameters</c>, <c>history</c> (one value per
/// epoch), <c>before</c> and <c>after</c> (per-subject FC similarity and the simulated FC), the dataset <c>target_fc</c> and, when
/// known, <c>connectome</c>.
/// </summary>
public static class FitResultH5
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Write(H5Writer g, FitResult r, Connectome? connectome)
    {
        ArgumentNullException.ThrowIfNull(r);
        var o = GradientFit.Resolve(r.Options);   // the model's fit defaults filled in: the file says what ran
        g.Attr("completed", r.Completed).Attr("best_epoch", r.BestEpoch).Attr("seed", o.Seed)
            .Attr("device_type", r.Placement.Device.type.ToString()).Attr("device_index", (long)r.Placement.Device.index)
            .Attr("dtype", r.Placement.DType.ToString()).Attr("placement", r.Placement.ToString());
        ModelH5.Write(g.Group("model"), r.Fitted.Model);
        var og = g.Group("fit_options");
        og.Attr("model", o.Model).AttrIfAny("epochs", o.Epochs).Attr("learning_rate", o.LearningRate).Attr("optimizer", o.Optimizer)
            .Attr("lr_schedule", o.LrSchedule).Attr("beta1", o.Beta1).Attr("beta2", o.Beta2).Attr("epsilon", o.Epsilon)
            .Attr("weight_decay", o.WeightDecay).Attr("momentum", o.Momentum).Attr("seed", o.Seed).Attr("device", o.Device).AttrIfAny("dtype", o.DType)
            .Attr("realisations", o.Realisations);
        if (o.Fit.Count > 0) og.Attr("fit", o.Fit.ToArray());
        if (o.WindowSamples is int w) og.Attr("window_samples", w);
        var ig = og.Group("initial");
        foreach (var (k, v) in o.Initial) ig.Scalar(k, v);
        var bg = og.Group("bounds");
        foreach (var (k, (lo, hi)) in o.Bounds) bg.Data(k, new[] { lo, hi }, attributes: new Dictionary<string, object> { ["dims"] = "min, max" });
        if (o.Simulation is { } sim) SimulationOptionsH5.Write(og.Group("simulation"), sim);
        ParametersH5.Write(g.Group("initial_parameters"), r.Initial);
        ParametersH5.Write(g.Group("fitted_parameters"), r.Fitted);
        ParametersH5.Write(g.Group("best_parameters"), r.Best);
        var h = g.Group("history");
        h.Data("epoch", r.History.Select(e => e.Epoch).ToArray());
        h.Data("loss", r.History.Select(e => e.Loss).ToArray(), unit: "1 − FC similarity (mean over windows)");
        h.Data("fc_similarity", r.History.Select(e => e.Similarity).ToArray(), unit: "Pearson r");
        h.Data("coupling", r.History.Select(e => e.Coupling).ToArray());
        h.Data("seconds", r.History.Select(e => e.Seconds).ToArray(), unit: "s");
        WriteEvaluation(g.Group("before"), r.Before);
        if (r.After is { } after) WriteEvaluation(g.Group("after"), after);
        int n = (int)Math.Round(Math.Sqrt(r.TargetFc.Length));
        g.Data("target_fc", r.TargetFc, [n, n], "Pearson r");
        if ((connectome ?? r.Connectome) is { } c) ConnectomeH5.Write(g.Group("connectome"), c);
    }

    private static void WriteEvaluation(H5Writer g, FitEvaluation e)
    {
        g.Attr("train_mean", e.TrainMean).Attr("test_mean", e.TestMean);
        if (e.Train.Count > 0) { g.Strings("train_subjects", e.Train.Select(s => s.Subject).ToArray()); g.Data("train_similarity", e.Train.Select(s => s.Similarity).ToArray(), unit: "Pearson r"); }
        if (e.Test.Count > 0) { g.Strings("test_subjects", e.Test.Select(s => s.Subject).ToArray()); g.Data("test_similarity", e.Test.Select(s => s.Similarity).ToArray(), unit: "Pearson r"); }
        int n = (int)Math.Round(Math.Sqrt(e.SimulatedFc.Length));
        g.Data("simulated_fc", e.SimulatedFc, [n, n], "Pearson r");
    }

    private static FitEvaluation ReadEvaluation(H5Reader g)
    {
        static SubjectScore[] Scores(H5Reader g, string names, string values)
        {
            if (!g.Has(names)) return [];
            var s = g.Strings(names);
            var v = g.Doubles(values, s.Length);
            return s.Select((x, i) => new SubjectScore(x, v[i])).ToArray();
        }
        return new FitEvaluation(Scores(g, "train_subjects", "train_similarity"), Scores(g, "test_subjects", "test_similarity"), g.Doubles("simulated_fc"));
    }

    public static FitResult Read(H5Reader g)
    {
        var model = ModelH5.Read(g.Group("model")).Spec;
        var og = g.Group("fit_options");
        var ig = og.Group("initial");
        var bg = og.Group("bounds");
        var options = new FitOptions
        {
            Model = og.Text("model"), Fit = og.TextsOr("fit") ?? [], Epochs = og.HasAttr("epochs") ? checked((int)og.Integer("epochs")) : null, LearningRate = og.Number("learning_rate"),
            Optimizer = og.Text("optimizer"), LrSchedule = og.Text("lr_schedule"), Beta1 = og.Number("beta1"), Beta2 = og.Number("beta2"),
            Epsilon = og.Number("epsilon"), WeightDecay = og.Number("weight_decay"), Momentum = og.Number("momentum"), Seed = og.Unsigned("seed"),
            Device = og.Text("device"), DType = og.TextOr("dtype"), Realisations = checked((int)og.Integer("realisations")),
            WindowSamples = og.HasAttr("window_samples") ? checked((int)og.Integer("window_samples")) : null,
            Initial = ig.Children().ToDictionary(k => k, ig.ScalarValue),
            Bounds = bg.Children().ToDictionary(k => k, k => { var b = bg.Doubles(k, 2); return (b[0], b[1]); }),
            Simulation = og.TryGroup("simulation") is { } sg ? SimulationOptionsH5.Read(sg).Options : null,
        };
        var h = g.Group("history");
        var epochs = h.Integers("epoch");
        var loss = h.Doubles("loss", epochs.Length); var sim = h.Doubles("fc_similarity", epochs.Length);
        var coupling = h.Doubles("coupling", epochs.Length); var seconds = h.Doubles("seconds", epochs.Length);
        var history = epochs.Select((e, i) => new FitEpoch(e, loss[i], sim[i], coupling[i], seconds[i])).ToArray();
        var type = Enum.Parse<DeviceType>(g.Text("device_type"));
        var placement = new TorchPlacement(new Device(type, checked((int)g.Integer("device_index"))), Enum.Parse<ScalarType>(g.Text("dtype")));
        return new FitResult(options, ParametersH5.Read(g.Group("initial_parameters"), model), ParametersH5.Read(g.Group("fitted_parameters"), model),
            history, ReadEvaluation(g.Group("before")), g.TryGroup("after") is { } a ? ReadEvaluation(a) : null, g.Doubles("target_fc"), placement,
            ParametersH5.Read(g.Group("best_parameters"), model), checked((int)g.Integer("best_epoch")), g.Flag("completed"))
        {
            Connectome = g.TryGroup("connectome") is { } cg ? ConnectomeH5.Read(cg) : null, SourceFile = g.File,
        };
    }
}
