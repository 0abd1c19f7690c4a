namespace Fwbm.Core.Persistence;

/// <summary>The <c>fwbm_kind</c> root attribute of a result file: what it holds and which type loads it.</summary>
public static class ResultKind
{
    /// <summary>One simulated parameter set (SimulationResult; SimulationRun in notebooks).</summary>
    public const string Simulation = "simulation";
    /// <summary>A parameter sweep (SweepResult; SweepView in notebooks).</summary>
    public const string Sweep = "sweep";
    /// <summary>A gradient fit (Torch FitResult).</summary>
    public const string Fit = "fit";
    /// <summary>Two FC matrices compared (FcComparison).</summary>
    public const string Comparison = "comparison";

    public static IReadOnlyList<string> All { get; } = [Simulation, Sweep, Fit, Comparison];

    /// <summary>The C# call that loads a kind, for messages.</summary>
    public static string Loader(string kind) => kind switch
    {
        Simulation => "SimulationRun.Load (or SimulationResult.Load)",
        Sweep => "SweepResult.Load",
        Fit => "FitResult.Load",
        Comparison => "FcComparison.Load",
        _ => "a newer FWBM",
    };
}
