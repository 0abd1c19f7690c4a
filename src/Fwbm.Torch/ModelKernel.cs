using Fwbm.Core.Models;

namespace Fwbm.Torch;

/// <summary>A Core model's generic equations instantiated for tensors (the static model type hidden behind an interface).</summary>
public interface IModelKernel
{
    ModelSpec Spec { get; }
    void Drift(ReadOnlySpan<TReal> x, ReadOnlySpan<TReal> c, ReadOnlySpan<TReal> p, Span<TReal> dx);
    void Output(ReadOnlySpan<TReal> x, ReadOnlySpan<TReal> p, Span<TReal> channels);
    TReal BoldDrive(ReadOnlySpan<TReal> x, ReadOnlySpan<TReal> p);
    /// <summary>The model's observables (e.g. firing rates), one per <see cref="ModelSpec.Observables"/> entry.</summary>
    void Observe(ReadOnlySpan<TReal> x, ReadOnlySpan<TReal> c, ReadOnlySpan<TReal> p, Span<TReal> observables);
}

/// <summary>Creates the tensor kernel of a registered model.</summary>
public static class ModelKernel
{
    public static IModelKernel For(ModelHandle model) => model.Accept(new Visitor());

    private sealed class Visitor : IModelVisitor<IModelKernel>
    {
        public IModelKernel Visit<TModel>() where TModel : INeuralMass => new Kernel<TModel>();
    }

    private sealed class Kernel<TModel> : IModelKernel where TModel : INeuralMass
    {
        public ModelSpec Spec => TModel.Spec;
        public void Drift(ReadOnlySpan<TReal> x, ReadOnlySpan<TReal> c, ReadOnlySpan<TReal> p, Span<TReal> dx) => TModel.Drift(x, c, p, dx);
        public void Output(ReadOnlySpan<TReal> x, ReadOnlySpan<TReal> p, Span<TReal> channels) => TModel.Output(x, p, channels);
        public TReal BoldDrive(ReadOnlySpan<TReal> x, ReadOnlySpan<TReal> p) => TModel.BoldDrive(x, p);
        public void Observe(ReadOnlySpan<TReal> x, ReadOnlySpan<TReal> c, ReadOnlySpan<TReal> p, Span<TReal> observables) => TModel.Observe(x, c, p, observables);
    }
}
