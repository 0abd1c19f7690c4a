using System.Globalization;

namespace Fwbm.Core.Connectivity;

/// <summary>Where a connectome came from: shown next to every result that uses it.</summary>
public sealed record ConnectomeSource(string DatasetId, string Title, string Licence, string Citation)
{
    /// <summary>Region-order id: connectomes and maps with the same id list the same regions in the same order.</summary>
    public string? RegionOrder { get; init; }
    /// <summary>How the data were processed on load (normalisation, selection, derived lengths, …).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A region centre in millimetres (scanner/MNI space of the source).</summary>
public readonly record struct Point3(double X, double Y, double Z)
{
    public double DistanceTo(Point3 o) => Math.Sqrt((X - o.X) * (X - o.X) + (Y - o.Y) * (Y - o.Y) + (Z - o.Z) * (Z - o.Z));
}

/// <summary>How to rescale structural weights (see <see cref="Connectome.Normalize"/>; the CLI/magic option is <c>--normalise</c>).</summary>
public enum WeightNormalization
{
    /// <summary>Divide by the largest |weight| (max becomes 1).</summary>
    Max,
    /// <summary>Divide each row (the inputs of one target region, its in-strength Σ_j W[i,j]) by its sum: every region's inputs sum
    /// to 1 (a region with no inputs keeps a zero row). The option's old spelling is <c>rowsum</c>.</summary>
    InStrength,
    /// <summary>Replace w by log(1 + w) (compresses streamline counts).</summary>
    Log1p,
    /// <summary>Divide by the spectral radius (the Perron root of a non-negative matrix): the largest |eigenvalue| becomes 1, so the
    /// linearised network gain of coupling G is G itself and G ≈ 1 is the edge of the network's linear stability for unit local gain.</summary>
    SpectralRadius,
}

/// <summary>
/// An immutable structural connectome. <c>Weights[i, j]</c> is the connection <b>from region j to region i</b>
/// (rows are targets, as in TVB): the coupling input of region i is Σ_j W[i,j]·x_j(t − delay[i,j]).
/// Tract lengths are in millimetres; when none are given they can be derived from the centres (Euclidean distance).
/// Every constructor validates its input and names the field that is wrong.
/// </summary>
public sealed class Connectome
{
    private readonly double[] _weights;
    private readonly double[]? _lengths;
    private readonly double[]? _empiricalFc;

    /// <summary>Create and validate a connectome.</summary>
    /// <param name="weights">Row-major N×N weights (target row, source column).</param>
    /// <param name="labels">N region labels (unique, non-empty).</param>
    /// <param name="tractLengths">Optional row-major N×N tract lengths in mm (≥ 0).</param>
    /// <param name="centres">Optional N region centres in mm.</param>
    /// <param name="rightHemisphere">Optional N flags: true for the right hemisphere.</param>
    /// <param name="cortical">Optional N flags: true for cortical regions.</param>
    /// <param name="empiricalFc">Optional N×N empirical functional connectivity in the same region order.</param>
    /// <param name="source">Where the data came from (citation and licence).</param>
    /// <param name="name">A short name for display.</param>
    /// <param name="allowNegativeWeights">Accept negative weights (signed connectomes); rejected otherwise.</param>
    public Connectome(double[] weights, IReadOnlyList<string> labels, double[]? tractLengths = null,
        IReadOnlyList<Point3>? centres = null, IReadOnlyList<bool>? rightHemisphere = null, IReadOnlyList<bool>? cortical = null,
        double[]? empiricalFc = null, ConnectomeSource? source = null, string? name = null, bool allowNegativeWeights = false)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(labels);
        int n = labels.Count;
        if (n == 0) throw new FwbmException("Connectome: 'labels' is empty; expected one label per region.");
        CheckSquare(weights, n, "weights");
        for (int k = 0; k < weights.Length; k++)
        {
            double w = weights[k];
            if (!double.IsFinite(w)) throw new FwbmException($"Connectome: 'weights'[{k / n},{k % n}] is {Fmt(w)}; expected a finite number.");
            if (w < 0 && !allowNegativeWeights)
                throw new FwbmException($"Connectome: 'weights'[{k / n},{k % n}] = {Fmt(w)} is negative; expected weights ≥ 0 (pass allowNegativeWeights for signed connectomes).");
        }
        if (tractLengths is not null)
        {
            CheckSquare(tractLengths, n, "tract lengths");
            for (int k = 0; k < tractLengths.Length; k++)
                if (!double.IsFinite(tractLengths[k]) || tractLengths[k] < 0)
                    throw new FwbmException($"Connectome: 'tract lengths'[{k / n},{k % n}] = {Fmt(tractLengths[k])}; expected a finite length ≥ 0 mm.");
        }
        if (centres is not null)
        {
            if (centres.Count != n) throw new FwbmException($"Connectome: {centres.Count} centres for {n} regions; expected one centre per label.");
            for (int i = 0; i < n; i++)
                if (!double.IsFinite(centres[i].X) || !double.IsFinite(centres[i].Y) || !double.IsFinite(centres[i].Z))
                    throw new FwbmException($"Connectome: centre of region {i} ('{labels[i]}') is not finite.");
        }
        if (rightHemisphere is not null && rightHemisphere.Count != n)
            throw new FwbmException($"Connectome: {rightHemisphere.Count} hemisphere flags for {n} regions; expected one per label.");
        if (cortical is not null && cortical.Count != n)
            throw new FwbmException($"Connectome: {cortical.Count} cortical flags for {n} regions; expected one per label.");
        if (empiricalFc is not null)
        {
            CheckSquare(empiricalFc, n, "empirical FC");
            foreach (var v in empiricalFc)
                if (!double.IsFinite(v)) throw new FwbmException("Connectome: 'empirical FC' contains NaN/Inf; expected finite correlations.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            if (string.IsNullOrWhiteSpace(labels[i])) throw new FwbmException($"Connectome: label of region {i} is empty.");
            if (!seen.Add(labels[i])) throw new FwbmException($"Connectome: label '{labels[i]}' appears twice; expected unique region labels.");
        }

        Count = n;
        _weights = (double[])weights.Clone();
        _lengths = tractLengths is null ? null : (double[])tractLengths.Clone();
        _empiricalFc = empiricalFc is null ? null : (double[])empiricalFc.Clone();
        Labels = labels.ToArray();
        Centres = centres?.ToArray();
        RightHemisphere = rightHemisphere?.ToArray();
        Cortical = cortical?.ToArray();
        Source = source;
        Name = name ?? source?.DatasetId ?? $"connectome-{n}";
        AllowNegativeWeights = allowNegativeWeights;
    }

    private static void CheckSquare(double[] m, int n, string field)
    {
        if (m.Length != n * n)
        {
            double side = Math.Sqrt(m.Length);
            string shape = side == Math.Floor(side) ? $"{(int)side}×{(int)side}" : $"{m.Length} values (not square)";
            throw new FwbmException($"Connectome: '{field}' is {shape}; expected {n}×{n} to match the {n} region labels.");
        }
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Number of regions N.</summary>
    public int Count { get; }
    public string Name { get; }
    public IReadOnlyList<string> Labels { get; }
    public IReadOnlyList<Point3>? Centres { get; }
    public IReadOnlyList<bool>? RightHemisphere { get; }
    public IReadOnlyList<bool>? Cortical { get; }
    public ConnectomeSource? Source { get; }
    public bool AllowNegativeWeights { get; }

    /// <summary>Weight from region <paramref name="source"/> to region <paramref name="target"/>.</summary>
    public double Weight(int target, int source) => _weights[target * Count + source];

    /// <summary>Row-major N×N weights (target row, source column).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>True when tract lengths were given (not derived).</summary>
    public bool HasTractLengths => _lengths is not null;

    /// <summary>Row-major tract lengths in mm, or null when none were given.</summary>
    public ReadOnlySpan<double> TractLengths => _lengths;

    /// <summary>Row-major empirical FC in this region order, or null.</summary>
    public ReadOnlySpan<double> EmpiricalFc => _empiricalFc;
    public bool HasEmpiricalFc => _empiricalFc is not null;

    /// <summary>Tract lengths in mm: the given ones, else Euclidean distances between centres, else an error.</summary>
    public double[] LengthsOrDistances()
    {
        if (_lengths is not null) return (double[])_lengths.Clone();
        if (Centres is null)
            throw new FwbmException($"Connectome '{Name}': no tract lengths and no centres; conduction delays need one of them (or use velocity = ∞ / no delays).");
        var d = new double[Count * Count];
        for (int i = 0; i < Count; i++)
            for (int j = 0; j < Count; j++)
                d[i * Count + j] = Centres[i].DistanceTo(Centres[j]);
        return d;
    }

    /// <summary>A copy whose tract lengths are the Euclidean distances between the centres.</summary>
    public Connectome WithLengthsFromCentres()
    {
        if (Centres is null) throw new FwbmException($"Connectome '{Name}': no centres to compute distances from.");
        var d = new double[Count * Count];
        for (int i = 0; i < Count; i++)
            for (int j = 0; j < Count; j++)
                d[i * Count + j] = Centres[i].DistanceTo(Centres[j]);
        return With(tractLengths: d);
    }

    /// <summary>A copy with some fields replaced.</summary>
    public Connectome With(double[]? weights = null, double[]? tractLengths = null, double[]? empiricalFc = null,
        ConnectomeSource? source = null, string? name = null, bool? allowNegativeWeights = null)
        => new(weights ?? _weights, Labels, tractLengths ?? _lengths, Centres, RightHemisphere, Cortical,
            empiricalFc ?? _empiricalFc, source ?? Source, name ?? Name, allowNegativeWeights ?? AllowNegativeWeights) { Normalisation = Normalisation, History = History, Edits = Edits, Warnings = Warnings };

    /// <summary>A copy with no tract lengths (no delays unless derived from centres).</summary>
    public Connectome WithoutTractLengths()
        => new(_weights, Labels, null, Centres, RightHemisphere, Cortical, _empiricalFc, Source, Name, AllowNegativeWeights) { Normalisation = Normalisation, History = History, Edits = Edits, Warnings = Warnings };

    /// <summary>A copy with the empirical FC replaced (same region order).</summary>
    public Connectome WithEmpiricalFc(double[]? fc)
        => new(_weights, Labels, _lengths, Centres, RightHemisphere, Cortical, fc, Source, Name, AllowNegativeWeights) { Normalisation = Normalisation, History = History, Edits = Edits, Warnings = Warnings };

    /// <summary>Rescale the weights.</summary>
    public Connectome Normalize(WeightNormalization how)
    {
        var w = (double[])_weights.Clone();
        switch (how)
        {
            case WeightNormalization.Max:
                double max = 0;
                foreach (var v in w) max = Math.Max(max, Math.Abs(v));
                if (max == 0) throw new FwbmException($"Connectome '{Name}': all weights are zero; cannot normalise by the maximum.");
                for (int k = 0; k < w.Length; k++) w[k] /= max;
                break;
            case WeightNormalization.InStrength:
                for (int i = 0; i < Count; i++)
                {
                    double s = 0;
                    for (int j = 0; j < Count; j++) s += w[i * Count + j];
                    if (s == 0) continue; // a region with no inputs keeps a zero row
                    for (int j = 0; j < Count; j++) w[i * Count + j] /= s;
                }
                break;
            case WeightNormalization.Log1p:
                for (int k = 0; k < w.Length; k++)
                {
                    if (w[k] < 0) throw new FwbmException($"Connectome '{Name}': log1p normalisation needs weights ≥ 0; weights[{k / Count},{k % Count}] = {Fmt(w[k])}.");
                    w[k] = Math.Log(1 + w[k]);
                }
                break;
            case WeightNormalization.SpectralRadius:
                double rho = SpectralRadius();
                if (rho == 0) throw new FwbmException($"Connectome '{Name}': spectral radius is 0 (no cycles: every eigenvalue is 0); cannot normalise by it — use max or in-strength.");
                for (int k = 0; k < w.Length; k++) w[k] /= rho;
                break;
            default: throw new FwbmException($"Unknown normalisation '{how}'; expected one of {string.Join(", ", Enum.GetNames<WeightNormalization>())}.");
        }
        string note = $"weights normalised: {ConnectomeNormalisation.Name(how)}";
        return new Connectome(w, Labels, _lengths, Centres, RightHemisphere, Cortical, _empiricalFc,
            Source is null ? null : Source with { Notes = [.. Source.Notes, note] }, Name, AllowNegativeWeights)
        { Normalisation = how, History = [.. History, note], Edits = Edits, Warnings = Warnings };
    }

    /// <summary>The last normalisation applied by <see cref="Normalize"/> (null: the weights as loaded; settable for a connectome
    /// restored from a file).</summary>
    public WeightNormalization? Normalisation { get; init; }

    /// <summary>What was done to the weights after loading (e.g. "weights normalised: spectral-radius"), oldest first; also in
    /// <see cref="ConnectomeSource.Notes"/> when the connectome has a source.</summary>
    public IReadOnlyList<string> History { get; init; } = [];

    /// <summary>The edits (virtual surgery, nulls) applied to this connectome, oldest first (see <see cref="Surgery.ConnectomeEdit"/>); each
    /// also adds a History line "edit: …". Carried by every copy (With, Select, Normalize, Symmetrize, …).</summary>
    public IReadOnlyList<Surgery.ConnectomeEdit> Edits { get; init; } = [];

    /// <summary>Warnings about this connectome (e.g. <c>graph-disconnected</c> after an edit split the graph), oldest first; the CLI prints
    /// them and summary.json lists them. Carried by every copy.</summary>
    public IReadOnlyList<Guardrails.GuardrailWarning> Warnings { get; init; } = [];

    /// <summary>This connectome with <paramref name="edit"/> applied (the same as <c>edit.Apply(this)</c>).</summary>
    public Connectome Edit(Surgery.ConnectomeEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return edit.Apply(this);
    }

    /// <summary>A copy with the provenance replaced (used by <see cref="Surgery.ConnectomeEdit.Apply"/>).</summary>
    internal Connectome WithProvenance(IReadOnlyList<Surgery.ConnectomeEdit> edits, IReadOnlyList<string> history, IReadOnlyList<Guardrails.GuardrailWarning> warnings)
        => new(_weights, Labels, _lengths, Centres, RightHemisphere, Cortical, _empiricalFc, Source, Name, AllowNegativeWeights)
        { Normalisation = Normalisation, History = history, Edits = edits, Warnings = warnings };

    /// <summary>The name with the edits: "hcp (edited: resect lobe:occipital; silence Precentral_L)", or <see cref="Name"/> when unedited
    /// (<see cref="Name"/> itself stays the loaded name).</summary>
    public string EditedName => Edits.Count == 0 ? Name : $"{Name} (edited: {string.Join("; ", Edits.Select(e => e.Text))})";

    /// <summary>The spectral radius ρ(W) = max |eigenvalue| of the weights: the Perron root of a non-negative matrix, found by power
    /// iteration on W + I (whose Perron root ρ + 1 strictly dominates every other eigenvalue in modulus, also for periodic graphs) to
    /// relative precision 1e-14. A signed connectome is refused (its spectral radius may be a complex pair).</summary>
    public double SpectralRadius()
    {
        if (_weights.Any(v => v < 0))
            throw new FwbmException($"Connectome '{Name}': the spectral radius is computed for weights ≥ 0 (Perron root); this connectome has negative weights — normalise by max instead.");
        if (double.IsNaN(_spectralRadius)) _spectralRadius = Perron(_weights, Count); // weights never change: computed once
        return _spectralRadius;
    }
    private double _spectralRadius = double.NaN;

    private static double Perron(double[] w, int n)
    {
        if (Acyclic(w, n)) return 0; // nilpotent: every eigenvalue is 0 (power iteration would creep towards it only as 1/k)
        bool symmetric = true;
        for (int i = 0; i < n && symmetric; i++) for (int j = i + 1; j < n; j++) if (w[i * n + j] != w[j * n + i]) { symmetric = false; break; }
        var x = new double[n]; var y = new double[n];
        Array.Fill(x, 1.0 / Math.Sqrt(n));
        double lambda = 0, prev = double.NaN;
        for (int it = 0; it < 20_000; it++)
        {
            double norm = 0, rq = 0;
            for (int i = 0; i < n; i++)
            {
                double s = x[i];
                for (int j = 0; j < n; j++) s += w[i * n + j] * x[j];
                y[i] = s; norm += s * s; rq += x[i] * s;
            }
            norm = Math.Sqrt(norm);
            // ‖(W + I)x‖ → ρ + 1 for any non-negative W; for a symmetric W the Rayleigh quotient xᵀ(W + I)x converges twice as fast
            lambda = symmetric ? rq : norm;
            for (int i = 0; i < n; i++) x[i] = y[i] / norm;
            if (it > 10 && Math.Abs(lambda - prev) <= 1e-15 * lambda) break;
            prev = lambda;
        }
        return Math.Max(0, lambda - 1);
    }

    /// <summary>True when the graph of non-zero weights has no cycle (Kahn's topological sort; a self-loop is a cycle).</summary>
    private static bool Acyclic(double[] w, int n)
    {
        var indegree = new int[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (w[i * n + j] != 0) indegree[i]++;
        var ready = new Queue<int>(Enumerable.Range(0, n).Where(i => indegree[i] == 0));
        int removed = 0;
        while (ready.Count > 0)
        {
            int j = ready.Dequeue(); removed++;
            for (int i = 0; i < n; i++) if (w[i * n + j] != 0 && --indegree[i] == 0) ready.Enqueue(i);
        }
        return removed == n;
    }

    /// <summary>Symmetrise weights (and lengths) as (A + Aᵀ)/2.</summary>
    public Connectome Symmetrize()
    {
        static double[] Sym(ReadOnlySpan<double> a, int n)
        {
            var r = new double[n * n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    r[i * n + j] = 0.5 * (a[i * n + j] + a[j * n + i]);
            return r;
        }
        return new(Sym(_weights, Count), Labels, _lengths is null ? null : Sym(_lengths, Count), Centres, RightHemisphere, Cortical,
            _empiricalFc, Source, Name, AllowNegativeWeights) { Normalisation = Normalisation, History = History, Edits = Edits, Warnings = Warnings };
    }

    /// <summary>The index of a region label, or an error suggesting near matches.</summary>
    public int IndexOf(string label)
    {
        for (int i = 0; i < Count; i++) if (Labels[i] == label) return i;
        for (int i = 0; i < Count; i++) if (string.Equals(Labels[i], label, StringComparison.OrdinalIgnoreCase)) return i;
        var hint = Grammar.Suggest.DidYouMean(label, Labels);
        throw new FwbmException($"Connectome '{Name}': no region '{label}'" + (hint is not null ? $"; {hint}" : $"; it has {Count} regions ({string.Join(", ", Labels.Take(4))}, …)."));
    }

    /// <summary>Keep the given regions, in the given order (also a reordering when every index appears once).</summary>
    public Connectome Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int m = indices.Count;
        if (m == 0) throw new FwbmException($"Connectome '{Name}': selection is empty; expected at least one region index.");
        var seen = new HashSet<int>();
        foreach (var ix in indices)
        {
            if (ix < 0 || ix >= Count) throw new FwbmException($"Connectome '{Name}': region index {ix} is out of range; expected 0…{Count - 1}.");
            if (!seen.Add(ix)) throw new FwbmException($"Connectome '{Name}': region index {ix} is selected twice.");
        }
        static double[]? Sub(double[]? a, IReadOnlyList<int> idx, int n)
        {
            if (a is null) return null;
            int m = idx.Count;
            var r = new double[m * m];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++)
                    r[i * m + j] = a[idx[i] * n + idx[j]];
            return r;
        }
        return new(Sub(_weights, indices, Count)!, indices.Select(i => Labels[i]).ToArray(), Sub(_lengths, indices, Count),
            Centres is null ? null : indices.Select(i => Centres[i]).ToArray(),
            RightHemisphere is null ? null : indices.Select(i => RightHemisphere[i]).ToArray(),
            Cortical is null ? null : indices.Select(i => Cortical[i]).ToArray(),
            Sub(_empiricalFc, indices, Count), Source, Name, AllowNegativeWeights) { Normalisation = Normalisation, History = History, Edits = Edits, Warnings = Warnings };
    }

    /// <summary>Keep the regions with the given labels, in that order.</summary>
    public Connectome Select(IEnumerable<string> labels) => Select(labels.Select(IndexOf).ToArray());

    /// <summary>Reorder all regions by a permutation (new position k holds old region perm[k]).</summary>
    public Connectome Reorder(IReadOnlyList<int> permutation)
    {
        if (permutation.Count != Count) throw new FwbmException($"Connectome '{Name}': permutation has {permutation.Count} entries; expected {Count}.");
        return Select(permutation);
    }

    /// <summary>Sum of the weights into each region (row sums).</summary>
    public double[] InStrength()
    {
        var s = new double[Count];
        for (int i = 0; i < Count; i++) for (int j = 0; j < Count; j++) s[i] += _weights[i * Count + j];
        return s;
    }

    public override string ToString() => $"Connectome '{Name}': {Count} regions" + (HasTractLengths ? ", tract lengths" : "") + (HasEmpiricalFc ? ", empirical FC" : "");
}
