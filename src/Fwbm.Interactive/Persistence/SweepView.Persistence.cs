using Fwbm.Core.Exploration;

namespace Fwbm.Interactive;

/// <summary>Save and load of a <see cref="SweepView"/>: the file of its <see cref="SweepResult"/> (kind "sweep").</summary>
public sealed partial class SweepView
{
    /// <summary>Write the sweep (see <see cref="SweepResult.Save"/>).</summary>
    public void Save(string path) => Result.Save(path);

    /// <summary>Load a saved sweep (or an fwbm simulate --sweep --out folder) as a view.</summary>
    public static SweepView Load(string path) => new(SweepResult.Load(path));
}
