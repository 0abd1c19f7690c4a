using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Guardrails;
using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation;

/// <summary>The outputs of one simulated parameter set.</summary>
public sealed partial class SimulationResult
{
    public SimulationResult(int index, ParameterSet parameters, ulong seed, IReadOnlyDictionary<string, TimeSeries> outputs, TimeSpan elapsed)
    {
        Index = index; Parameters = parameters; Seed = seed; Outputs = outputs; Elapsed = elapsed;
    }

    /// <summary>Position of this parameter set in the batch.</summary>
    public int Index { get; }
    public ParameterSet Parameters { get; }
    public ulong Seed { get; }
    /// <summary>Recorded signals by key: "bold"; "raw:x" / "tavg:x" per state variable.</summary>
    public IReadOnlyDictionary<string, TimeSeries> Outputs { get; }
    /// <summary>Wall time of the batch block that computed this result.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// Valid but implausible parameter values of this run, each naming the likely unit conversion (e.g. Hopf ω = 0.2 rad/s: "did you
    /// mean 200 rad/s?"); see <see cref="ModelSpec.Warnings"/>. Empty when every value is plausible. Never thrown: shown by the CLI.
    /// </summary>
    public IReadOnlyList<string> Warnings => _warnings ??= Parameters.Model.Warnings(Parameters);
    private IReadOnlyList<string>? _warnings;

    /// <summary>
    /// The guardrail warnings of this run (<see cref="GuardrailChecks"/>): FC from too few samples, saturated or flat FC, activity pinned
    /// at a bound or constant in time — each a code and a one-line message with the threshold and the fix. Empty for a healthy run.
    /// Computed on first use from the recorded outputs; never thrown.
    /// </summary>
    public IReadOnlyList<GuardrailWarning> Guardrails => _guardrails ??= GuardrailChecks.Check(this);
    private IReadOnlyList<GuardrailWarning>? _guardrails;

    /// <summary>Everything to read about this run: the unit-plausibility <see cref="Warnings"/> (code <c>param-implausible</c>), then
    /// the <see cref="Guardrails"/>.</summary>
    public IReadOnlyList<GuardrailWarning> AllWarnings =>
        [.. Warnings.Select(w => new GuardrailWarning(GuardrailChecks.ImplausibleParameterCode, w)), .. Guardrails];

    /// <summary>The BOLD signal (time × regions), or an error when no BOLD monitor was requested.</summary>
    public TimeSeries Bold => Get("bold");

    /// <summary>A recorded signal; an error naming the available keys when it is missing.</summary>
    public TimeSeries Get(string key) => Outputs.TryGetValue(key, out var ts) ? ts
        : throw new FwbmException($"No output '{key}' in this result; recorded: {string.Join(", ", Outputs.Keys)}.");

    /// <summary>FC of the BOLD signal.</summary>
    public double[] BoldFc(bool fisherZ = false) => FunctionalConnectivity.Compute(Bold, fisherZ);
}
