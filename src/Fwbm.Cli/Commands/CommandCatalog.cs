using System.CommandLine;

namespace Fwbm.Cli.Commands;

/// <summary>The list of top-level commands (one line per command; each command lives in its own file).</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create() =>
    [
        ModelsCommand.Create(),
        MeasuresCommand.Create(),
        SimulateCommand.Create(),
        BenchCommand.Create(),
        DataCommand.Create(),
        RunCommand.Create(),
        FitCommand.Create(),
        BenchTorch.Create(),
        ShowCommand.Create(),
    ];
}
