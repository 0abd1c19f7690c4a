namespace Fwbm.Core.Models;

/// <summary>The interval a parameter usually takes, and why (shown in the warning).</summary>
public sealed record PlausibleRange(double Min, double Max, string Why);
