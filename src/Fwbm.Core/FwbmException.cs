namespace Fwbm.Core;

/// <summary>
/// Bad input or an impossible request, with a message that names the file, field or parameter and what was expected.
/// Every error the library raises on purpose is one of these (or a subclass), so front ends can show the message alone.
/// </summary>
public class FwbmException : Exception
{
    public FwbmException(string message) : base(message) { }
    public FwbmException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A numerical blow-up during integration: names the time, step, region and parameter set.</summary>
public sealed class SimulationDivergedException : FwbmException
{
    public SimulationDivergedException(string message, long step, double timeMs, int region, string regionLabel, int parameterSet, string variable)
        : base(message)
    {
        Step = step; TimeMs = timeMs; Region = region; RegionLabel = regionLabel; ParameterSet = parameterSet; Variable = variable;
    }
    public long Step { get; }
    public double TimeMs { get; }
    public int Region { get; }
    public string RegionLabel { get; }
    public int ParameterSet { get; }
    public string Variable { get; }
}
