namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>What a <see cref="Tumour"/> does to the regions inside it.</summary>
public enum TumourMode
{
    /// <summary>Remove them (<see cref="Resection"/>).</summary>
    Resect,
    /// <summary>Keep them, with every weight in and out set to 0 (<see cref="Silencing"/>).</summary>
    Silence,
}
