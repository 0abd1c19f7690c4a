using Fwbm.Core.Models;

namespace Fwbm.Core.Persistence;

/// <summary>The model of a result: its registered name (how it is found again), title and citation.</summary>
public static class ModelH5
{
    public static void Write(H5Writer g, ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        g.Attr("name", model.Name).Attr("title", model.Title).Attr("citation", model.Citation);
    }

    /// <summary>The registered model the group names; an error naming the file when this FWBM has no such model.</summary>
    public static ModelHandle Read(H5Reader g)
    {
        string name = g.Text("name");
        try { return ModelRegistry.Get(name); }
        catch (FwbmException e) { throw new FwbmException($"{g.File}: model '{name}' is not registered in this FWBM ({e.Message})"); }
    }
}
