using System.Globalization;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Models;

/// <summary>Options of the iterative feedback inhibition control (<see cref="FeedbackInhibitionControl.Iterative"/>).</summary>
public sealed record FicOptions
{
    /// <summary>Target mean excitatory rate per region (Deco 2014: ≈ 3 Hz, the rate of an isolated node at I_E − b_E/a_E = −0.026 nA).</summary>
    public double TargetRateHz { get; init; } = 3.0;
    /// <summary>Converged when every region's mean rate is within this distance of the target.</summary>
    public double ToleranceHz { get; init; } = 0.1;
    /// <summary>Simulations allowed before giving up (the result then says Converged = false).</summary>
    public int MaxIterations { get; init; } = 30;
    /// <summary>Integration step in ms.</summary>
    public double DtMs { get; init; } = 0.1;
    /// <summary>Simulated and discarded before averaging, in ms (S_E relaxes with τ_E = 100 ms).</summary>
    public double TransientMs { get; init; } = 2000;
    /// <summary>Window over which the excitatory rate is averaged, in ms (Deco 2014: 10 s).</summary>
    public double AveragingMs { get; init; } = 10_000;
    /// <summary>Conduction velocity (m/s) for delays, as in the simulations the J will be used for; null = no delays.</summary>
    public double? VelocityMPerS { get; init; }
    public IntegratorKind Integrator { get; init; } = IntegratorKind.Heun;
    /// <summary>First noise seed; the same seeds are used in every iteration (common random numbers make the rate a smooth function of J).</summary>
    public ulong Seed { get; init; }
    /// <summary>
    /// Noise realisations (seeds Seed, Seed+1, …) whose rates are averaged in every iteration, simulated together as one batch.
    /// One 10-s window of the default noise (σ = 0.01) fluctuates by ≈ 0.2 Hz network-wide, so J fitted to one realisation carries
    /// that bias; more realisations fit the expected rate instead.
    /// </summary>
    public int Realizations { get; init; } = 1;
    /// <summary>Worker threads (null: all cores); the result does not depend on it.</summary>
    public int? Threads { get; init; }
    /// <summary>Starting J per region; null starts from <see cref="FeedbackInhibitionControl.LinearApproximation"/>.</summary>
    public IReadOnlyList<double>? InitialJ { get; init; }
    /// <summary>Step in nA of the finite-difference probe that estimates ∂ln r_E/∂J in the first iteration.</summary>
    public double ProbeDeltaJ { get; init; } = 0.05;
    /// <summary>Largest change of any J_i in one iteration, in nA.</summary>
    public double MaxStepJ { get; init; } = 0.5;
}

/// <summary>One iteration of the FIC search: the J simulated and the mean excitatory rates it gave.</summary>
public sealed record FicIteration(int Iteration, double[] J, double[] MeanRateHz, double MaxAbsErrorHz);

/// <summary>
/// The result of feedback inhibition control: J per region (for parameter "J_i"), the mean excitatory rates it gives with the seed
/// used, and how the search went.
/// </summary>
public sealed record FicResult(double[] J, double[] MeanRateHz, bool Converged, int Iterations, int Simulations, double MaxAbsErrorHz, IReadOnlyList<FicIteration> History)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"FIC {(Converged ? "converged" : "NOT converged")} after {Iterations} iterations ({Simulations} simulations): max |r_E − target| = {MaxAbsErrorHz:G3} Hz, J in [{J.Min():G4}, {J.Max():G4}] nA");
}

/// <summary>
/// Feedback inhibition control (FIC) for the <see cref="DynamicMeanField"/> model: the per-region inhibitory weight J_i that keeps
/// every region's excitatory pool near 3 Hz despite its different long-range excitation (Deco et al. 2014 J Neurosci 34:7886).
/// Two methods: the linear approximation of fastDMF / Herzog et al., and Deco 2014's iterative simulate-and-adjust procedure.
/// Neither mutates anything shared: both return a J vector to pass with <c>parameters.With("J_i", j)</c>.
/// </summary>
public static class FeedbackInhibitionControl
{
    /// <summary>
    /// Linear approximation J_i = slope·G·Σ_j C_ij + intercept (fastDMF <c>dmf_api.default_params</c>: slope 0.75, intercept 1;
    /// Herzog R et al. 2022). Σ_j C_ij is region i's in-strength in the connectome as simulated (fastDMF sums columns of C, the
    /// same for symmetric C). Fitted for the default DMF parameters with C normalised by its maximum; it is an approximation —
    /// check the rates (observable "r_E") or use <see cref="Iterative"/> when they matter.
    /// </summary>
    public static double[] LinearApproximation(Connectome connectome, double coupling, double slope = 0.75, double intercept = 1.0)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        ModelSpec.CouplingParameter.Check(DynamicMeanField.Spec.Name, coupling);
        var strength = connectome.InStrength();
        var j = new double[strength.Length];
        for (int i = 0; i < j.Length; i++)
        {
            j[i] = slope * coupling * strength[i] + intercept;
            DynamicMeanField.Spec.Parameters[DynamicMeanField.JI].Check(DynamicMeanField.Spec.Name, j[i], i);
        }
        return j;
    }

    /// <summary>
    /// Deco 2014's procedure: simulate, measure each region's mean excitatory rate r_E over <see cref="FicOptions.AveragingMs"/>,
    /// adjust J_i (more inhibition where r_E is above target, less where below) and repeat until every region is within
    /// <see cref="FicOptions.ToleranceHz"/> of <see cref="FicOptions.TargetRateHz"/>. Deco adjusted J_i by fixed ±δ steps on the
    /// input current; here each J_i takes a Newton step on its log-rate with the slope ∂ln r_i/∂J_i estimated by a finite-difference
    /// probe (a batch of two simulations) in the first iteration and refined by secants, so a few simulations suffice.
    /// All other parameters (coupling G, noise σ, per-region vectors) come from <paramref name="parameters"/>.
    /// </summary>
    public static FicResult Iterative(Connectome connectome, ParameterSet parameters, FicOptions? options = null, IProgress<FicIteration>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        ArgumentNullException.ThrowIfNull(parameters);
        var o = options ?? new FicOptions();
        var spec = DynamicMeanField.Spec;
        if (parameters.Model.Name != spec.Name)
            throw new FwbmException($"Feedback inhibition control needs parameters of model '{spec.Name}', got '{parameters.Model.Name}'.");
        if (!(o.TargetRateHz > 0) || !double.IsFinite(o.TargetRateHz)) throw new FwbmException($"FIC: target rate = {o.TargetRateHz} Hz; expected a positive rate.");
        if (!(o.ToleranceHz > 0) || !double.IsFinite(o.ToleranceHz)) throw new FwbmException($"FIC: tolerance = {o.ToleranceHz} Hz; expected > 0.");
        if (o.MaxIterations < 1) throw new FwbmException($"FIC: MaxIterations = {o.MaxIterations}; expected ≥ 1.");
        if (!(o.ProbeDeltaJ > 0) || !(o.MaxStepJ > 0)) throw new FwbmException("FIC: ProbeDeltaJ and MaxStepJ must be positive.");
        if (o.Realizations < 1) throw new FwbmException($"FIC: Realizations = {o.Realizations}; expected ≥ 1.");
        int R = connectome.Count;
        parameters.CheckRegions(R);
        var jSpec = spec.Parameters[DynamicMeanField.JI];
        var j = (o.InitialJ ?? LinearApproximation(connectome, parameters.Coupling)).ToArray();
        if (j.Length != R) throw new FwbmException($"FIC: InitialJ has {j.Length} values; the connectome has {R} regions.");
        for (int i = 0; i < R; i++) jSpec.Check(spec.Name, j[i], i);

        var sim = new Simulator(ModelHandle.Of<DynamicMeanField>(), connectome, new SimulationOptions
        {
            DtMs = o.DtMs, DurationMs = o.AveragingMs, TransientMs = o.TransientMs, VelocityMPerS = o.VelocityMPerS,
            Integrator = o.Integrator, Threads = o.Threads,
            Monitors = [new TemporalAverageMonitorSpec(o.AveragingMs, [spec.Observables[DynamicMeanField.RateE].Name])],
        });
        int n = o.Realizations;
        // mean rate per region over the realisations of one J (requests [first, first + n) of a batch)
        double[] MeanRates(IReadOnlyList<SimulationResult> res, int first)
        {
            var m = new double[R];
            for (int k = 0; k < n; k++)
            {
                var row = res[first + k].Get("tavg:r_E").Region0Row();
                for (int i = 0; i < R; i++) m[i] += row[i] / n;
            }
            return m;
        }
        IEnumerable<SimulationRequest> Requests(double[] jv)
        {
            var pj = parameters.With("J_i", jv);
            for (int k = 0; k < n; k++) yield return new SimulationRequest(pj, o.Seed + (ulong)k);
        }

        // Newton steps on ln r_E (the rate grows roughly exponentially with the input current below threshold, so ln r is much
        // closer to linear in J than r is); slopes ∂ln r_i/∂J_i from a finite-difference probe, then from secants.
        var history = new List<FicIteration>();
        double[] slope = new double[R];          // ∂ln r_i/∂J_i estimate (1/nA, negative)
        double[]? prevJ = null, prevLog = null;
        var bound = Enumerable.Repeat(o.MaxStepJ, R).ToArray();   // per-region trust region: halved when the error changes sign
        double logTarget = Math.Log(o.TargetRateHz);
        int simulations = 0;
        for (int it = 0; ; it++)
        {
            cancellation.ThrowIfCancellationRequested();
            double[] rate;
            if (it == 0)
            {
                var probe = j.Select(v => v + o.ProbeDeltaJ <= jSpec.Max ? v + o.ProbeDeltaJ : v - o.ProbeDeltaJ).ToArray();
                var res = sim.RunBatch(Requests(j).Concat(Requests(probe)).ToArray(), cancellation: cancellation);
                simulations += 2 * n;
                rate = MeanRates(res, 0);
                var rateProbe = MeanRates(res, n);
                for (int i = 0; i < R; i++) slope[i] = ClampSlope((LogRate(rateProbe[i]) - LogRate(rate[i])) / (probe[i] - j[i]));
            }
            else
            {
                rate = MeanRates(sim.RunBatch(Requests(j).ToArray(), cancellation: cancellation), 0);
                simulations += n;
                for (int i = 0; i < R; i++)
                {
                    double dj = j[i] - prevJ![i];
                    if (Math.Abs(dj) < 1e-4) continue; // too small a move to tell the slope from the neighbours' influence
                    double s = (LogRate(rate[i]) - prevLog![i]) / dj;
                    if (s < 0 && double.IsFinite(s)) slope[i] = ClampSlope(s);
                }
            }
            double maxErr = 0;
            for (int i = 0; i < R; i++)
            {
                if (!double.IsFinite(rate[i])) throw new FwbmException($"FIC: the excitatory rate of region {i} ('{connectome.Labels[i]}') is not finite at J = {j[i]:G6} (iteration {it}).");
                maxErr = Math.Max(maxErr, Math.Abs(rate[i] - o.TargetRateHz));
            }
            var step = new FicIteration(it, j.ToArray(), rate, maxErr);
            history.Add(step);
            progress?.Report(step);
            if (maxErr <= o.ToleranceHz || it + 1 >= o.MaxIterations)
                return new FicResult(j.ToArray(), rate, maxErr <= o.ToleranceHz, it + 1, simulations, maxErr, history);

            if (prevLog is not null)
                for (int i = 0; i < R; i++)
                    if (Math.Sign(prevLog[i] - logTarget) * Math.Sign(LogRate(rate[i]) - logTarget) < 0) bound[i] = Math.Max(0.5 * bound[i], 1e-3);
            prevJ = j.ToArray();
            prevLog = rate.Select(LogRate).ToArray();
            for (int i = 0; i < R; i++)
            {
                if (Math.Abs(rate[i] - o.TargetRateHz) <= 0.5 * o.ToleranceHz) continue;
                double dj = -(prevLog[i] - logTarget) / slope[i];   // slope < 0: more inhibition lowers the rate
                dj = Math.Clamp(dj, -bound[i], bound[i]);
                j[i] = Math.Clamp(j[i] + dj, jSpec.Min, jSpec.Max);
            }
        }
    }

    private static double LogRate(double r) => Math.Log(Math.Max(r, 1e-3));

    /// <summary>Keep a slope estimate negative and within a plausible range (1/nA in ln-rate units); garbage estimates (a region
    /// switching between the low- and high-activity states, or moved by its neighbours) would otherwise stall or overshoot.</summary>
    private static double ClampSlope(double s) => double.IsFinite(s) && s < 0 ? Math.Clamp(s, -100.0, -0.1) : -2.0;

    private static double[] Region0Row(this Analysis.TimeSeries ts)
    {
        if (ts.Length < 1) throw new FwbmException("FIC: the rate monitor recorded no sample; the averaging window is longer than the simulation.");
        return ts.Row(0).ToArray();
    }
}
