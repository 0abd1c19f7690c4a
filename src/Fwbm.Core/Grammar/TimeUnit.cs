namespace Fwbm.Core.Grammar;

/// <summary>What a plain number (no unit) means for a duration option: seconds for --duration/--transient/--tr, milliseconds for --dt.</summary>
public enum TimeUnit
{
    Seconds,
    Milliseconds,
}
