using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Persistence;

/// <summary>
/// A connectome in a result file: the data themselves (weights, tract lengths in mm, labels, hemisphere and cortical flags, centres in
/// mm, empirical FC), where they came from (dataset id, title, licence, citation, region order, processing notes) and the edits of virtual
/// surgery (their texts, parsed back on reading), so a file
/// reopens and re-plots without the data catalog.
/// </summary>
public static class ConnectomeH5
{
    public static void Write(H5Writer g, Connectome c)
    {
        ArgumentNullException.ThrowIfNull(c);
        int n = c.Count;
        g.Attr("name", c.Name).Attr("regions", n).Attr("allow_negative_weights", c.AllowNegativeWeights);
        g.Data("weights", c.Weights.ToArray(), [n, n], "a.u. (structural weight; row = target, column = source)");
        if (c.HasTractLengths) g.Data("tract_lengths", c.TractLengths.ToArray(), [n, n], "mm");
        g.Strings("labels", c.Labels);
        if (c.RightHemisphere is { } rh) g.Data("right_hemisphere", rh.Select(b => b ? (byte)1 : (byte)0).ToArray(), unit: "1 = right, 0 = left");
        if (c.Cortical is { } cx) g.Data("cortical", cx.Select(b => b ? (byte)1 : (byte)0).ToArray(), unit: "1 = cortical, 0 = subcortical");
        if (c.Centres is { } ce) g.Data("centres", ce.SelectMany(p => new[] { p.X, p.Y, p.Z }).ToArray(), [n, 3], "mm");
        if (c.HasEmpiricalFc) g.Data("empirical_fc", c.EmpiricalFc.ToArray(), [n, n], "Pearson r");
        if (c.Edits.Count > 0) g.Strings("edits", c.Edits.Select(e => e.Text).ToArray()); // virtual surgery, oldest first (ConnectomeEdit.Parse)
        if (c.Source is { } s)
        {
            var sg = g.Group("source");
            sg.Attr("dataset_id", s.DatasetId).Attr("title", s.Title).Attr("licence", s.Licence).Attr("citation", s.Citation).AttrIfAny("region_order", s.RegionOrder);
            if (s.Notes.Count > 0) sg.Strings("processing", s.Notes);
        }
    }

    public static Connectome Read(H5Reader g)
    {
        var labels = g.Strings("labels");
        int n = labels.Length;
        int nn = n * n;
        bool[]? Flags(string name) => g.Has(name) ? g.Doubles(name, n).Select(v => v != 0).ToArray() : null;
        Point3[]? centres = null;
        if (g.Has("centres"))
        {
            var v = g.Doubles("centres", 3 * n);
            centres = Enumerable.Range(0, n).Select(i => new Point3(v[3 * i], v[3 * i + 1], v[3 * i + 2])).ToArray();
        }
        ConnectomeSource? source = null;
        if (g.TryGroup("source") is { } sg)
            source = new ConnectomeSource(sg.Text("dataset_id"), sg.Text("title"), sg.Text("licence"), sg.Text("citation"))
            {
                RegionOrder = sg.TextOr("region_order"), Notes = sg.StringsOr("processing"),
            };
        var edits = g.StringsOr("edits").Select(Connectivity.Surgery.ConnectomeEdit.Parse).ToArray();
        return new Connectome(g.Doubles("weights", nn), labels, g.Has("tract_lengths") ? g.Doubles("tract_lengths", nn) : null, centres,
            Flags("right_hemisphere"), Flags("cortical"), g.Has("empirical_fc") ? g.Doubles("empirical_fc", nn) : null, source,
            g.TextOr("name"), g.HasAttr("allow_negative_weights") && g.Flag("allow_negative_weights"))
        { Edits = edits, History = edits.Select(e => "edit: " + e.Text).ToArray() };
    }
}
