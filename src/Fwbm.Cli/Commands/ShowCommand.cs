using System.CommandLine;
using Fwbm.Core.Options;
using Fwbm.Core.Persistence;

namespace Fwbm.Cli.Commands;

/// <summary><c>fwbm show &lt;file|dir&gt;</c>: what a saved result (HDF5, or the result.h5 of an --out folder) holds.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A result .h5 file, or an output folder of fwbm simulate/sweep/fit (its result.h5)." };
        var options = new CliOptions(OptionCatalog.Show);
        var cmd = options.CreateCommand();
        cmd.Arguments.Add(path);
        cmd.SetAction(pr =>
        {
            pr.InvocationConfiguration.Output.Write(ResultDescription.Describe(pr.GetValue(path)!));
            return 0;
        });
        return cmd;
    }
}
