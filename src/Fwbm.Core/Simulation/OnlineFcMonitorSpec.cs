namespace Fwbm.Core.Simulation;

/// <summary>
/// Functional connectivity accumulated while the simulation runs, without storing the time series (Welford co-moments,
/// <see cref="Analysis.OnlineCorrelation"/>): memory is one regions × regions matrix per parameter set whatever the duration, so long
/// runs and large batches need not keep their BOLD. The result holds output <c>fc:&lt;signal&gt;</c> (see <see cref="Key"/>): the
/// row-major FC matrix as a <see cref="Analysis.TimeSeries"/> of <c>regions</c> rows (row i of the matrix is "sample" i;
/// read it with <see cref="Matrix"/>). It equals <see cref="Analysis.FunctionalConnectivity.Compute(Analysis.TimeSeries, bool)"/> of
/// the stored signal to ≤ 1e-10 (OnlineFcMonitorTests).
/// </summary>
/// <param name="Signal">"bold" (the default: the BOLD signal of <see cref="Bold"/>, sampled every TR), or the name of a state
/// variable or observable of the model (sampled, or averaged, every <see cref="PeriodMs"/>).</param>
public sealed record OnlineFcMonitorSpec(string Signal = "bold") : MonitorSpec
{
    /// <summary>The signal name that selects BOLD.</summary>
    public const string BoldSignal = "bold";

    public override string Key => $"fc:{Signal}";

    /// <summary>When <see cref="Signal"/> is "bold": how BOLD is computed (TR, hemodynamics, integration step). Its own hemodynamics,
    /// independent of any <see cref="BoldMonitorSpec"/> in the same run (add one with the same settings to also keep the series).</summary>
    public BoldMonitorSpec Bold { get; init; } = new();

    /// <summary>When <see cref="Signal"/> is a state variable or observable: the sampling period in ms (a whole number of steps).</summary>
    public double PeriodMs { get; init; } = 1.0;

    /// <summary>When <see cref="Signal"/> is a state variable or observable: average over each period (as the "tavg" monitor) instead
    /// of sampling the state at its end (as "raw").</summary>
    public bool Average { get; init; }

    public override IMonitor Create() => new OnlineFcMonitor(this);

    /// <summary>The FC matrix (row-major regions × regions) recorded by an online FC monitor of <paramref name="signal"/>.</summary>
    public static double[] Matrix(SimulationResult result, string signal = BoldSignal) => result.Get($"fc:{signal}").Data;
}
