namespace Fwbm.Core.Models;

/// <summary>Gives generic code the static model type behind a <see cref="ModelHandle"/> (double dispatch).</summary>
public interface IModelVisitor<out TResult>
{
    TResult Visit<TModel>() where TModel : INeuralMass;
}

/// <summary>A registered model: its spec plus a way back to its static type for the generic engines.</summary>
public abstract class ModelHandle
{
    public abstract ModelSpec Spec { get; }
    public string Name => Spec.Name;
    public abstract TResult Accept<TResult>(IModelVisitor<TResult> visitor);
    /// <summary>Register a model: its spec is validated first (<see cref="ModelSpec.Validate"/>), so a bad declaration fails at once.</summary>
    public static ModelHandle Of<TModel>() where TModel : INeuralMass
    {
        TModel.Spec.Validate();
        return new Typed<TModel>();
    }
    public override string ToString() => $"{Spec.Name}: {Spec.Title}";

    private sealed class Typed<TModel> : ModelHandle where TModel : INeuralMass
    {
        public override ModelSpec Spec => TModel.Spec;
        public override TResult Accept<TResult>(IModelVisitor<TResult> visitor) => visitor.Visit<TModel>();
    }
}

/// <summary>All models known by name. Adding a model = one file with an <see cref="INeuralMass"/> + one line here.</summary>
public static class ModelRegistry
{
    private static readonly ModelHandle[] Models =
    [
        ModelHandle.Of<Hopf>(),
        ModelHandle.Of<WilsonCowan>(),
        ModelHandle.Of<DynamicMeanField>(),
        ModelHandle.Of<JansenRit>(),
        ModelHandle.Of<Kuramoto>(),
        ModelHandle.Of<Epileptor2D>(),
    ];

    public static IReadOnlyList<ModelHandle> All => Models;

    /// <summary>The model with this name (case-insensitive), or an error listing the known models and near matches.</summary>
    public static ModelHandle Get(string name)
    {
        foreach (var m in Models) if (string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)) return m;
        var hint = Grammar.Suggest.DidYouMean(name, Models.Select(m => m.Name), quote: "");
        throw new FwbmException($"Unknown model '{name}'" + (hint is null ? "." : $"; {hint}") +
            $" Known models: {string.Join(", ", Models.Select(m => m.Name))}.");
    }
}
