using Fwbm.Core.Models;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>Progress of a run or batch.</summary>
public sealed record SimulationProgress(long StepsDone, long StepsTotal, TimeSpan Elapsed)
{
    public double Fraction => StepsTotal == 0 ? 1 : (double)StepsDone / StepsTotal;
    public TimeSpan? Remaining => StepsDone == 0 ? null : TimeSpan.FromTicks((long)(Elapsed.Ticks * (StepsTotal - StepsDone) / (double)StepsDone));
}
