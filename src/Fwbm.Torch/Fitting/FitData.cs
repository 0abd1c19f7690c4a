using Fwbm.Core;
using Fwbm.Core.Connectivity;

namespace Fwbm.Torch.Fitting;

/// <summary>One subject's empirical FC (row-major R×R in the connectome's region order).</summary>
public sealed record FitSubject(string Id, double[] Fc);

/// <summary>What a fit fits to: a connectome and empirical FC of training subjects (their average is the target) and held-out subjects.</summary>
public sealed record FitData(Connectome Connectome, IReadOnlyList<FitSubject> Train, IReadOnlyList<FitSubject> Test)
{
    /// <summary>Check sizes and values; errors name the subject.</summary>
    public void Validate()
    {
        int R = Connectome.Count;
        if (Train.Count == 0) throw new FwbmException("Fit: no training subjects; expected at least one empirical FC to fit.");
        foreach (var s in Train.Concat(Test))
        {
            if (s.Fc.Length != R * R)
                throw new FwbmException($"Fit: subject '{s.Id}' has an FC of {s.Fc.Length} values; expected {R}×{R} = {R * R} to match connectome '{Connectome.Name}'.");
            for (int i = 0; i < s.Fc.Length; i++)
                if (!double.IsFinite(s.Fc[i])) throw new FwbmException($"Fit: subject '{s.Id}' FC[{i / R},{i % R}] is not finite.");
        }
    }

    /// <summary>The average FC of the training subjects (the fit target).</summary>
    public double[] TargetFc()
    {
        int n = Connectome.Count * Connectome.Count;
        var t = new double[n];
        foreach (var s in Train) for (int i = 0; i < n; i++) t[i] += s.Fc[i];
        for (int i = 0; i < n; i++) t[i] /= Train.Count;
        return t;
    }
}
