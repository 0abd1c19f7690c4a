using System.CommandLine;
using System.Runtime.InteropServices;
using Fwbm.Cli.Commands;

namespace Fwbm.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, handleSignals: true);

    /// <summary>Entry point used by tests: parse and run, mapping library errors to exit code 2 with a one-line message.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, handleSignals: false);

    /// <param name="handleSignals">
    /// The process entry point: while a command that takes a cancellation token runs (fwbm run, fit, simulate), the first SIGINT
    /// (Ctrl+C) or SIGTERM cancels the token instead of killing the process, so the command can stop and write what it honestly can
    /// (fwbm run: the executed notebook with the interruption noted and the report; fit: the last parameters marked incomplete;
    /// simulate: nothing, its output directory is staged). The exit code is then 130 (SIGINT) or 143 (SIGTERM). A second signal kills
    /// at once. Commands without a token (models, data, bench) keep the default: the signal ends the process.
    /// </param>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool handleSignals, CancellationToken cancellation = default)
    {
        var root = new RootCommand("fwbm — functional whole-brain models: data, simulate, bench, run notebooks.");
        foreach (var c in CommandCatalog.Create()) root.Subcommands.Add(c);
        // ProcessTerminationTimeout = null: System.CommandLine's own handler would force the exit 2 s after the signal, possibly
        // in the middle of writing the outputs; Interruption below does the signal handling instead.
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        Interruption? interruption = null;
        try
        {
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // usage errors (unknown or missing option, a value of the wrong type): one line naming the option, exit 2
                stderr.WriteLine($"fwbm: error: {parsed.Errors[0].Message} (see fwbm {string.Join(' ', CommandPath(parsed))} --help)");
                return 2;
            }
            if (handleSignals && parsed.Action is System.CommandLine.Invocation.AsynchronousCommandLineAction)
                interruption = new Interruption(stderr);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, interruption?.Token ?? CancellationToken.None);
            int code = parsed.InvokeAsync(config, linked.Token).GetAwaiter().GetResult();
            return interruption?.Signal is not null && code != 0 ? interruption.ExitCode : code;
        }
        catch (OperationCanceledException) when (interruption?.Signal is not null || cancellation.IsCancellationRequested)
        {
            stderr.WriteLine("fwbm: interrupted; stopped before any result was complete, nothing was written.");
            return interruption?.ExitCode ?? 130;
        }
        catch (Exception e) when (CliErrors.IsUserError(e))
        {
            stderr.WriteLine($"fwbm: error: {CliErrors.Describe(e)}");
            return 2;
        }
        finally
        {
            interruption?.Dispose();
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var r = parsed.CommandResult; r is not null && r.Command is not RootCommand; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return names;
    }
}

/// <summary>SIGINT/SIGTERM → a cancellation token (first signal); a second signal takes the default action (the process ends).</summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly TextWriter _stderr;
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public Interruption(TextWriter stderr)
    {
        _stderr = stderr;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public CancellationToken Token => _cts.Token;
    public PosixSignal? Signal { get; private set; }
    /// <summary>128 + the signal number, as a shell reports a process ended by it: 130 for SIGINT, 143 for SIGTERM.</summary>
    public int ExitCode => Signal == PosixSignal.SIGTERM ? 143 : 130;

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _received) > 1) { context.Cancel = false; return; }   // second signal: end the process now
        context.Cancel = true;
        Signal = context.Signal;
        string name = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";
        _stderr.WriteLine($"fwbm: {name} received: stopping and writing what was done (send it again to end at once).");
        _stderr.Flush();
        // cancel off the signal thread: cancellation callbacks (the kernel's Cancel, progress views) must not block signal delivery
        _ = Task.Run(_cts.Cancel);
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();   // the token source stays: a cancel may still be on its way
    }
}
