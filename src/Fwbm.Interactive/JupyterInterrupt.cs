using System.Collections;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace Fwbm.Interactive;

/// <summary>
/// Makes Jupyter's <i>Interrupt</i> stop the running cell of a dotnet-interactive kernel instead of shutting the kernel down.
/// </summary>
/// <remarks>
/// <para>Jupyter interrupts a kernel whose spec has the default <c>interrupt_mode</c> "signal" by sending SIGINT to the kernel's
/// process group. The <c>dotnet interactive jupyter</c> tool (1.0.712001) runs in a generic host whose <c>ConsoleLifetime</c>
/// answers SIGINT with <c>StopApplication</c>: the kernel shuts down and the notebook is wedged. (Its control channel ignores
/// <c>interrupt_request</c>, so <c>interrupt_mode</c> "message" cannot help either.)</para>
/// <para>When the process has such a console-lifetime SIGINT registration, <see cref="Install"/> disposes that one registration
/// (SIGTERM and SIGQUIT still stop the host) and registers a SIGINT handler that sends the kernel a <see cref="Cancel"/> — what
/// Polyglot Notebooks' Stop sends: the running cell fails with "Command cancelled.", FWBM's long runs stop cleanly (progress
/// "cancelled", fits keep their completed epochs) and the kernel stays usable. In any other process (<c>fwbm run</c>, which has
/// its own Ctrl+C handling; tests; Polyglot's stdio kernel) nothing is changed.</para>
/// <para>The console lifetime's registration is found through <see cref="PosixSignalRegistration"/>'s private table; if a
/// runtime or hosting version lays it out differently, <see cref="Install"/> changes nothing and says why.</para>
/// </remarks>
public static class JupyterInterrupt
{
    private const string ConsoleLifetimeType = "Microsoft.Extensions.Hosting.Internal.ConsoleLifetime";
    private const int SigIntNumber = 2;
    private static readonly object Gate = new();
    private static PosixSignalRegistration? _registration;
    private static Kernel? _root;

    /// <summary>Whether this process's SIGINT cancels the running cell (after a successful <see cref="Install"/>).</summary>
    public static bool Installed { get { lock (Gate) return _registration is not null; } }

    /// <summary>How many SIGINTs have been turned into a <see cref="Cancel"/> so far.</summary>
    public static int Interrupts => _interrupts;
    private static int _interrupts;

    /// <summary>
    /// If this process is a hosted kernel whose console lifetime would shut down on SIGINT, make SIGINT cancel the running
    /// submission of <paramref name="kernel"/>'s root kernel instead. Returns what was done (for logs and tests). Safe to call
    /// more than once: the latest root kernel receives the Cancel.
    /// </summary>
    public static string Install(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        lock (Gate)
        {
            _root = kernel.RootKernel;
            if (_registration is not null) return "SIGINT already cancels the running cell";
            if (OperatingSystem.IsWindows() || OperatingSystem.IsBrowser()) return "not installed: Jupyter interrupts this kernel without SIGINT on this platform";
            var lifetimes = ConsoleLifetimeSigIntRegistrations(out string? why);
            if (lifetimes is null) return $"not installed: {why}";
            if (lifetimes.Count == 0) return "not installed: no console lifetime handles SIGINT in this process (not a dotnet-interactive Jupyter kernel)";
            // ours first, then release the host's: there is no moment in which SIGINT falls back to the default (terminate)
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSigInt);
            foreach (var registration in lifetimes) registration.Dispose();
            return "installed: SIGINT (Jupyter's Interrupt) cancels the running cell instead of shutting the kernel down";
        }
    }

    private static void OnSigInt(PosixSignalContext context)
    {
        context.Cancel = true;   // never the default action (terminate) for SIGINT in a kernel process
        Interlocked.Increment(ref _interrupts);
        Kernel? root;
        lock (Gate) root = _root;
        if (root is null) return;
        // off the signal-dispatch thread: cancellation callbacks (progress views, the magics) must not delay signal handling
        _ = Task.Run(async () =>
        {
            try { await root.SendAsync(new Cancel()); }
            catch (Exception e) { Console.Error.WriteLine($"FWBM: interrupt: sending Cancel to the kernel failed: {e.GetType().Name}: {e.Message}"); }
        });
    }

    /// <summary>The live <c>ConsoleLifetime._sigIntRegistration</c> objects of this process; null (with the reason) when the
    /// runtime's registration table or the lifetime's field is not where this version expects them.</summary>
    private static List<PosixSignalRegistration>? ConsoleLifetimeSigIntRegistrations(out string? why)
    {
        why = null;
        var table = typeof(PosixSignalRegistration).GetField("s_registrations", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as IDictionary;
        if (table is null) { why = "this .NET runtime keeps no PosixSignalRegistration table where FWBM looks for it"; return null; }
        var targets = new List<object>();
        lock (table)   // the runtime locks the table itself while it changes or reads it
        {
            // keyed by the native signal number (SIGINT is 2 on every POSIX system), not by the PosixSignal value (-2)
            if (!table.Contains(SigIntNumber) || table[SigIntNumber] is not IEnumerable tokens) return [];
            foreach (var token in tokens)
                if (token?.GetType().GetProperty("Handler", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(token) is Delegate { Target: { } target }
                    && target.GetType().FullName == ConsoleLifetimeType)
                    targets.Add(target);
        }
        var found = new List<PosixSignalRegistration>();
        foreach (var lifetime in targets)
        {
            if (lifetime.GetType().GetField("_sigIntRegistration", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(lifetime) is PosixSignalRegistration r)
                found.Add(r);
            else { why = $"{ConsoleLifetimeType} of this hosting version keeps its SIGINT registration elsewhere"; return null; }
        }
        return found;
    }
}
