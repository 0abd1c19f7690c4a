using System.CommandLine;
using System.Globalization;
using Fwbm.Core.Models;
using Fwbm.Core.Options;

namespace Fwbm.Cli.Commands;

/// <summary><c>fwbm models [name]</c>: list models and their parameters with units, ranges and defaults.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "Show only this model.", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new CliOptions(OptionCatalog.ModelsCommand).CreateCommand();
        cmd.Arguments.Add(name);
        cmd.SetAction(pr =>
        {
            var output = pr.InvocationConfiguration.Output;
            var models = pr.GetValue(name) is { } n ? [ModelRegistry.Get(n)] : ModelRegistry.All;
            foreach (var m in models) Write(output, m.Spec);
            return 0;
        });
        return cmd;
    }

    internal static void Write(TextWriter w, ModelSpec s)
    {
        var ci = CultureInfo.InvariantCulture;
        w.WriteLine($"{s.Name} — {s.Title}");
        w.WriteLine($"  state: {string.Join(", ", s.StateVariables.Select(v => v.Name))}; coupling channels: {string.Join(", ", s.CouplingChannels)} ({Coupling(s.DefaultCouplingSpec)}; input by default into: {string.Join(", ", s.DefaultCoupledChannels ?? s.CouplingChannels)}, --couple to choose); BOLD driven by {s.BoldDriveDoc}");
        if (s.ObservableCount > 0)
            w.WriteLine($"  observables: {string.Join("; ", s.Observables.Select(o => $"{o.Name} [{o.Unit}] {o.Doc.TrimEnd('.')}"))}");
        w.WriteLine($"  time unit: {(s.TimeUnitMs == 1 ? "ms" : s.TimeUnitMs == 1000 ? "s" : $"{s.TimeUnitMs} ms")}; default dt {s.DefaultDtMs.ToString(ci)} ms, max dt {s.MaxDtMs.ToString(ci)} ms{DtLimits(s)}");
        w.WriteLine($"  {"parameter",-12} {"default",12} {"unit",-8} {"range",-24} doc");
        foreach (var p in s.Parameters.Append(ModelSpec.CouplingParameter))
        {
            string plausible = p.Plausible is { } q ? string.Create(ci, $" Plausible: [{q.Min:G4}, {q.Max:G4}] ({q.Why}); outside it a warning.") : "";
            w.WriteLine(string.Create(ci, $"  {p.Name,-12} {p.Default,12:G6} {p.Unit,-8} {$"[{p.Min:G4}, {p.Max:G4}]",-24} {p.Doc}{plausible}"));
        }
        if (s.Noise.Count > 0) w.WriteLine($"  noise: {string.Join("; ", s.Noise.Select(n => $"{n.Parameter} → {string.Join(", ", n.StateVariables)}"))}");
        w.WriteLine($"  stimuli (--stimulus) enter: {s.DefaultInputVariable} unless `on <variable>` says otherwise");
        foreach (var line in SuggestedCouplingLines(s)) w.WriteLine(line);
        w.WriteLine($"  cite: {s.Citation}");
        w.WriteLine();
    }

    /// <summary>The suggested coupling G per --normalise choice: the model's fit range (set on hcp, ρ = 2.41) as network gain G·ρ(W).</summary>
    internal static IEnumerable<string> SuggestedCouplingLines(ModelSpec s)
    {
        var (lo, hi) = Fwbm.Core.Guardrails.SuggestedCoupling.GainRange(s);
        string F(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
        double rho = Fwbm.Core.Guardrails.SuggestedCoupling.ReferenceSpectralRadius;
        yield return $"  suggested coupling G (network gain G·ρ(W) {F(lo)}–{F(hi)}: the fit range {F(s.CouplingFitRange.Min)}–{F(s.CouplingFitRange.Max)} on hcp, ρ = {F(rho)}), by --normalise:";
        yield return $"    spectral-radius   G {F(lo)}–{F(hi)}  (ρ = 1)";
        yield return $"    in-strength       G {F(lo)}–{F(hi)}  (row sums 1, so ρ = 1)";
        yield return $"    none, max, log1p  G {F(lo)}–{F(hi)} ÷ ρ(W) of the connectome (hcp: {F(lo / rho)}–{F(hi / rho)}; unnormalised streamline weights can need 100× less); the connectome card and summary.json give it";
    }

    /// <summary>Parameter-dependent dt limits, e.g. ", and dt·|omega| ≤ 0.1 (in s): at most 0.1 rad …".</summary>
    private static string DtLimits(ModelSpec s)
    {
        string unit = s.TimeUnitMs == 1 ? "ms" : s.TimeUnitMs == 1000 ? "s" : $"{s.TimeUnitMs} ms";
        return string.Concat(s.DtLimits.Select(l => string.Create(CultureInfo.InvariantCulture,
            $", and dt·|{l.Parameter}| ≤ {l.MaxProduct:G4} (dt in {unit}; {l.Reason})")));
    }

    private static string Coupling(Fwbm.Core.Simulation.CouplingSpec c) => c.Kind != CouplingKind.Sigmoidal ? c.Kind.ToString().ToLowerInvariant()
        : string.Create(CultureInfo.InvariantCulture, $"sigmoidal: min {c.SigmoidMin:G4}, max {c.SigmoidMax:G4}, midpoint {c.SigmoidMidpoint:G4}, slope {c.SigmoidSlope:G4}");
}
