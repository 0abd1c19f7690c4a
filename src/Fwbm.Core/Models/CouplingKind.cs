namespace Fwbm.Core.Models;

/// <summary>Which coupling function a model uses by default.</summary>
public enum CouplingKind
{
    /// <summary>c_i = G · Σ_j W_ij · x_j(t − d_ij)</summary>
    Linear,
    /// <summary>c_i = G · Σ_j W_ij · (x_j(t − d_ij) − x_i(t))</summary>
    Diffusive,
    /// <summary>c_i = G · Σ_j W_ij · S(x_j(t − d_ij)), S a logistic sigmoid (TVB's sigmoidal coupling).</summary>
    Sigmoidal,
}
