using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Guardrails;

/// <summary>
/// <c>graph-disconnected</c>: after a connectome edit the structural graph (weights ≠ 0, in either direction) has more connected
/// components than before — a part of the brain then runs without input from the rest. Regions the edit isolates on purpose (silenced)
/// are not counted. A warning on the connectome (<see cref="Connectome.Warnings"/>), never an error.
/// </summary>
public static class GraphDisconnected
{
    public const string Code = "graph-disconnected";

    public static Guardrail Info { get; } = new(Code, "A connectome edit that splits the structural graph into more connected components",
        "more components (weights ≠ 0, either direction; silenced regions left out) after the edit than before",
        "expected after cutting a bridge; otherwise edit less, or compare with the intact connectome (--compare-intact)");

    /// <summary>The warning for an edit that turned <paramref name="before"/> into <paramref name="after"/>, or null.</summary>
    public static GuardrailWarning? Check(Connectome before, Connectome after, IReadOnlyCollection<string> isolatedOnPurpose, string editText)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var skip = isolatedOnPurpose.ToHashSet(StringComparer.Ordinal);
        var partsBefore = Components(before);
        var parts = Components(after, skip);
        if (parts.Count <= 1 || parts.Count <= partsBefore.Count) return null;
        // the smaller components that were not already components before the edit: the regions this edit cut off
        var old = partsBefore.Select(p => string.Join("\n", p.Select(i => before.Labels[i]))).ToHashSet(StringComparer.Ordinal);
        var sorted = parts.OrderByDescending(p => p.Count).ToArray();
        var cut = sorted.Skip(1).Where(p => !old.Contains(string.Join("\n", p.Select(i => after.Labels[i])))).SelectMany(p => p).ToArray();
        var shown = cut.Take(6).Select(i => after.Labels[i]).ToArray();
        var sizes = sorted.Select(p => p.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        string sizeText = string.Join(", ", sizes.Take(8)) + (sizes.Length > 8 ? ", …" : "");
        return new GuardrailWarning(Code,
            $"after '{editText}' the structural graph of '{after.Name}' falls into {parts.Count} connected components ({partsBefore.Count} before) of {sizeText} regions; " +
            $"cut off from the largest: {string.Join(", ", shown)}{(cut.Length > shown.Length ? $", … ({cut.Length} regions)" : "")}, which no longer exchange input with it.");
    }

    /// <summary>The connected components (lists of region indices, each sorted) of the undirected graph of non-zero weights, without the
    /// regions in <paramref name="skip"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Components(Connectome c, IReadOnlySet<string>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        int n = c.Count;
        var w = c.Weights;
        var component = new int[n];
        Array.Fill(component, -1);
        var result = new List<IReadOnlyList<int>>();
        var stack = new Stack<int>();
        for (int start = 0; start < n; start++)
        {
            if (component[start] >= 0 || skip is not null && skip.Contains(c.Labels[start])) continue;
            var members = new List<int>();
            component[start] = result.Count; stack.Push(start);
            while (stack.Count > 0)
            {
                int i = stack.Pop(); members.Add(i);
                for (int j = 0; j < n; j++)
                {
                    if (component[j] >= 0 || j == i || w[i * n + j] == 0 && w[j * n + i] == 0) continue;
                    if (skip is not null && skip.Contains(c.Labels[j])) continue;
                    component[j] = result.Count; stack.Push(j);
                }
            }
            members.Sort();
            result.Add(members);
        }
        return result;
    }
}
