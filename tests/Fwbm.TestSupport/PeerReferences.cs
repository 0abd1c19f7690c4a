namespace Fwbm.TestSupport;

/// <summary>The peer outputs of ../shared/reference (e.g. neurolib's Hopf trajectory), found the same way by every test project.</summary>
public static class PeerReferences
{
    /// <summary>
    /// The folder <paramref name="name"/> (e.g. "neurolib-hopf"): under $FWBM_REFERENCE_DIR, else the "reference" folder next to
    /// $FWBM_DATA_MIRROR, else ../shared/reference next to the repository; <paramref name="probe"/> is a file it must hold.
    /// </summary>
    public static string Directory(string name, string probe)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("FWBM_REFERENCE_DIR") is { Length: > 0 } env) candidates.Add(env);
        if (Environment.GetEnvironmentVariable("FWBM_DATA_MIRROR") is { Length: > 0 } mirror) candidates.Add(Path.Combine(mirror, "..", "reference"));
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "FWBM.Interactive.sln"))) { candidates.Add(Path.Combine(d.FullName, "..", "shared", "reference")); break; }
        foreach (var c in candidates)
            if (File.Exists(Path.Combine(c, name, probe))) return Path.GetFullPath(Path.Combine(c, name));
        throw new InvalidOperationException($"{name} reference not found; set FWBM_REFERENCE_DIR to the folder holding {name}/ (tried: {string.Join(", ", candidates)}).");
    }
}
