namespace Fwbm.Interactive.Magics;

/// <summary>
/// The magics the extension installs. A new capability adds one <see cref="FwbmMagic"/> subclass and one line here (docs/extending.md);
/// code outside this assembly calls <see cref="Register"/> before the extension loads, or <see cref="FwbmExtension.AddMagic"/> afterwards.
/// </summary>
public static class MagicRegistry
{
    private static readonly List<FwbmMagic> Magics =
    [
        new ConnectomeMagic(),
        new SimulateMagic(),
        new SweepMagic(),
        new CompareMagic(),
        new FitMagic(),
        new LoadMagic(),
        new SurgeryMagic(),
        new SurgeryMagic("#!fwbm-lesion"),
        new StimulateMagic(),
    ];

    public static IReadOnlyList<FwbmMagic> All { get { lock (Magics) return Magics.ToArray(); } }

    /// <summary>Add (or replace, by name) a magic.</summary>
    public static void Register(FwbmMagic magic)
    {
        ArgumentNullException.ThrowIfNull(magic);
        lock (Magics)
        {
            Magics.RemoveAll(m => m.Name == magic.Name);
            Magics.Add(magic);
        }
    }
}
