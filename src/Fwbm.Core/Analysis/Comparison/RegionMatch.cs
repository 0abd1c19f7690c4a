using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Analysis.Comparison;

/// <summary>
/// How the regions of an edited connectome match those of the intact one, BY LABEL (an edit keeps every label it does not remove):
/// the regions both keep, in the intact order, with their index in each; the intact regions the edit removed.
/// </summary>
public sealed record RegionMatch
{
    private RegionMatch(IReadOnlyList<string> shared, int[] intactIndex, int[] editedIndex, IReadOnlyList<string> removed, IReadOnlyList<string> added)
    {
        Shared = shared; IntactIndex = intactIndex; EditedIndex = editedIndex; Removed = removed; Added = added;
    }

    /// <summary>Labels both connectomes have, in the intact connectome's order.</summary>
    public IReadOnlyList<string> Shared { get; }
    /// <summary>Index in the intact connectome of each shared label.</summary>
    public IReadOnlyList<int> IntactIndex { get; }
    /// <summary>Index in the edited connectome of each shared label.</summary>
    public IReadOnlyList<int> EditedIndex { get; }
    /// <summary>Intact labels the edited connectome lacks (resected regions), in the intact order.</summary>
    public IReadOnlyList<string> Removed { get; }
    /// <summary>Edited labels the intact connectome lacks (none for the edits of surgery), in the edited order.</summary>
    public IReadOnlyList<string> Added { get; }

    /// <summary>Match two connectomes by label. An error when they share fewer than <paramref name="minShared"/> regions.</summary>
    public static RegionMatch Of(Connectome intact, Connectome edited, int minShared = 1)
    {
        ArgumentNullException.ThrowIfNull(intact);
        ArgumentNullException.ThrowIfNull(edited);
        var editedIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < edited.Count; i++) editedIndex[edited.Labels[i]] = i;
        var shared = new List<string>(); var ii = new List<int>(); var ei = new List<int>(); var removed = new List<string>();
        for (int i = 0; i < intact.Count; i++)
        {
            if (editedIndex.TryGetValue(intact.Labels[i], out int e)) { shared.Add(intact.Labels[i]); ii.Add(i); ei.Add(e); }
            else removed.Add(intact.Labels[i]);
        }
        var intactLabels = new HashSet<string>(intact.Labels, StringComparer.Ordinal);
        var added = edited.Labels.Where(l => !intactLabels.Contains(l)).ToArray();
        if (shared.Count < minShared)
            throw new FwbmException($"Comparison of '{edited.Name}' with the intact '{intact.Name}': they share {shared.Count} region label(s); expected at least {minShared} " +
                $"(regions are matched by label; the edited connectome has {string.Join(", ", edited.Labels.Take(4))}{(edited.Count > 4 ? ", …" : "")}).");
        return new RegionMatch(shared, [.. ii], [.. ei], removed, added);
    }

    /// <summary>The shared block of a row-major square matrix of the intact (or, with <paramref name="edited"/>, the edited) connectome,
    /// in the shared order.</summary>
    public double[] Block(ReadOnlySpan<double> matrix, bool edited)
    {
        var idx = edited ? EditedIndex : IntactIndex;
        int m = idx.Count, n = (int)Math.Round(Math.Sqrt(matrix.Length));
        if (n * n != matrix.Length) throw new FwbmException($"Region match: a matrix of {matrix.Length} values is not square.");
        var r = new double[m * m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) r[i * m + j] = matrix[idx[i] * n + idx[j]];
        return r;
    }

    /// <summary>The shared entries of a per-region vector of the intact (or edited) connectome, in the shared order.</summary>
    public double[] Pick(IReadOnlyList<double> values, bool edited) => (edited ? EditedIndex : IntactIndex).Select(i => values[i]).ToArray();

    /// <summary>The shared regions' columns of a time series of the intact (or edited) run, in the shared order.</summary>
    public TimeSeries Pick(TimeSeries ts, bool edited)
    {
        var idx = edited ? EditedIndex : IntactIndex;
        int T = ts.Length, R = ts.Regions, m = idx.Count;
        var d = new double[T * m];
        for (int t = 0; t < T; t++) for (int k = 0; k < m; k++) d[t * m + k] = ts.Data[t * R + idx[k]];
        return new TimeSeries(d, m, ts.SamplePeriodMs, ts.StartMs, Shared, ts.Variable);
    }

    /// <summary>
    /// Noise keys for the edited run: each edited region gets the key its label has in the intact run (<paramref name="intactKeys"/>,
    /// default the intact index), so with the same seed every region both keep receives the same noise and initial state in both
    /// runs (<see cref="Simulation.SimulationOptions.NoiseRegionKeys"/>). A region only the edited connectome has gets a fresh key
    /// past the intact ones.
    /// </summary>
    public static int[] NoiseKeys(Connectome intact, Connectome edited, IReadOnlyList<int>? intactKeys = null)
    {
        ArgumentNullException.ThrowIfNull(intact);
        ArgumentNullException.ThrowIfNull(edited);
        var key = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < intact.Count; i++) key[intact.Labels[i]] = intactKeys?[i] ?? i;
        int next = key.Count == 0 ? 0 : key.Values.Max() + 1;
        return edited.Labels.Select(l => key.TryGetValue(l, out int k) ? k : next++).ToArray();
    }
}
