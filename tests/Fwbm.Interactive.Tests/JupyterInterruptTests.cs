using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>
/// <see cref="JupyterInterrupt"/> takes SIGINT over only in a hosted kernel whose console lifetime would shut down on it (the
/// Jupyter .net-csharp kernel; proven end to end by scripts/jupyter-interrupt-check.py in notebooks-ci.sh). In-process hosts —
/// this test process, <c>fwbm run</c>, Polyglot's kernel — keep their own SIGINT handling.
/// </summary>
public class JupyterInterruptTests
{
    [Fact]
    public void In_process_kernels_keep_their_own_sigint_handling()
    {
        using var kernel = new CompositeKernel { new CSharpKernel() };
        string outcome = JupyterInterrupt.Install(kernel);
        Assert.False(JupyterInterrupt.Installed, outcome);
        Assert.StartsWith("not installed: no console lifetime handles SIGINT", outcome);
        Assert.Equal(0, JupyterInterrupt.Interrupts);
    }
}
