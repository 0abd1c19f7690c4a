namespace Fwbm.Core.Options;

/// <summary>Which front ends offer an option: the <c>fwbm</c> command line, the notebook magic, or both.</summary>
[Flags]
public enum FrontEnd
{
    Cli = 1,
    Magic = 2,
    Both = Cli | Magic,
}
