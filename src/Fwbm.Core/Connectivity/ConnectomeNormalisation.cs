namespace Fwbm.Core.Connectivity;

/// <summary>
/// The names of the weight normalisations as the option <c>--normalise</c> (alias <c>--normalize</c>) spells them, and applying one by
/// name. The default is <c>none</c>: the weights as the dataset or file gives them (what every earlier version did).
/// </summary>
public static class ConnectomeNormalisation
{
    /// <summary>The default of <c>--normalise</c>: keep the weights as loaded.</summary>
    public const string Default = "none";

    /// <summary>The accepted values, in the order of the help: none, max, in-strength, spectral-radius, log1p, and rowsum (the earlier
    /// name of in-strength, still accepted).</summary>
    public static IReadOnlyList<string> Choices { get; } = ["none", "max", "in-strength", "spectral-radius", "log1p", "rowsum"];

    /// <summary>The normalisation a choice names (null for none); an error listing the choices otherwise.</summary>
    public static WeightNormalization? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Grammar.ChoiceText.Choose(text, "--normalise", Choices) switch
        {
            "none" => null,
            "max" => WeightNormalization.Max,
            "in-strength" or "rowsum" => WeightNormalization.InStrength,
            "spectral-radius" => WeightNormalization.SpectralRadius,
            "log1p" => WeightNormalization.Log1p,
            var other => throw new InvalidOperationException($"unhandled normalisation '{other}'"),
        };
    }

    /// <summary>The option's spelling of a normalisation ("none" for null).</summary>
    public static string Name(WeightNormalization? how) => how switch
    {
        null => "none",
        WeightNormalization.Max => "max",
        WeightNormalization.InStrength => "in-strength",
        WeightNormalization.SpectralRadius => "spectral-radius",
        WeightNormalization.Log1p => "log1p",
        _ => how.Value.ToString().ToLowerInvariant(),
    };

    /// <summary>The connectome normalised as <paramref name="choice"/> says (unchanged for none).</summary>
    public static Connectome Apply(Connectome connectome, string choice)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        return Parse(choice) is { } how ? connectome.Normalize(how) : connectome;
    }
}
