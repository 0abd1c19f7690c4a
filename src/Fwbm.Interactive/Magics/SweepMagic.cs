using Fwbm.Core;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Interactive.Magics;

/// <summary>
/// <c>#!fwbm-sweep</c>: simulate a grid over one or two parameters as one batch (SIMD lanes × cores), score every point by FC
/// similarity with the empirical FC (and mean FC), show the fit curve / heatmap and a DataFrame, bind a <see cref="SweepView"/>.
/// </summary>
public sealed class SweepMagic : FwbmMagic
{
    public override string Name => "#!fwbm-sweep";
    public override string Description => "Sweep one or two parameters (batched), score each point by FC similarity; show the fit curve or heatmap and bind the result.";

    public override IReadOnlyList<MagicParameter> Parameters { get; } =
    [
        new("over", "First axis: name=start:stop:count or name=v1,v2,… (e.g. \"coupling=0:1:11\").") { Required = true },
        new("and", "Optional second axis, same syntax (heatmap over both).") ,
        .. SharedParameters.Simulation("sweep").Where(p => p.Name != "show"),
    ];

    public override IReadOnlyList<string> Examples =>
        ["#!fwbm-sweep --connectome hcp --model hopf --over \"coupling=0:1:21\" --duration 2min --name sweep",
         "#!fwbm-sweep --connectome hcp --over \"coupling=0:1:11\" --and \"a=-0.1:0.1:9\" --name grid"];

    public override async Task RunAsync(MagicArguments args, MagicContext context)
    {
        string name = args.Require("name");
        MagicContext.CheckIdentifier(name);
        var (sim, baseParams, seed) = SharedParameters.BuildSimulation(args, context);
        var axes = new List<(string Name, double[] Values)> { args.Axis("over")!.Value };
        if (args.Axis("and") is { } second) axes.Add(second);
        foreach (var (p, _) in axes) sim.Model.Spec.IndexOf(p); // unknown names fail here, listing the model's parameters
        if (axes.Count == 2 && sim.Model.Spec.IndexOf(axes[0].Name) == sim.Model.Spec.IndexOf(axes[1].Name))
            throw new MagicArgumentException($"{Name}: --over and --and sweep the same parameter '{axes[0].Name}'.");
        int n0 = axes[0].Values.Length, n1 = axes.Count > 1 ? axes[1].Values.Length : 1;
        var requests = new List<SimulationRequest>(n0 * n1);
        for (int i = 0; i < n0; i++)
            for (int j = 0; j < n1; j++)
            {
                var p = baseParams.With(axes[0].Name, axes[0].Values[i]);
                if (axes.Count > 1) p = p.With(axes[1].Name, axes[1].Values[j]);
                requests.Add(new SimulationRequest(p, seed));
            }
        var progress = context.Progress($"{Name}: {requests.Count} simulations of {sim.Model.Name} on '{sim.Connectome.Name}'");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<SimulationResult> results;
        try
        {
            results = await Task.Run(() => sim.RunBatch(requests, progress, context.CancellationToken), context.CancellationToken);
            progress.Done();
        }
        catch (OperationCanceledException) { progress.Cancelled(); throw; }
        catch { progress.Failed(); throw; }

        var measures = new List<string>();
        var empirical = sim.Connectome.HasEmpiricalFc ? FcMatrix.Empirical(sim.Connectome) : null;
        if (empirical is not null) measures.Add("fc_similarity");
        measures.Add("mean_fc");
        var rows = results.Select(r =>
        {
            var fc = new FcMatrix(r.BoldFc(), sim.Connectome.Labels, sim.Connectome.RightHemisphere);
            var row = new List<double>();
            if (empirical is not null) row.Add(fc.SimilarityTo(empirical));
            row.Add(fc.UpperTriangle().Average());
            return row.ToArray();
        }).ToArray();
        var view = new SweepView(axes.Select(a => a.Name).ToArray(), axes.Select(a => (IReadOnlyList<double>)a.Values).ToArray(), measures, rows,
            clock.Elapsed, measures[0]);
        await context.BindAsync(name, view);
        context.Display(view);
        context.DisplayText($"bound: SweepView {name} (use {name}.ToDataFrame() for the table, {name}.Best() for the best point)");
    }
}
