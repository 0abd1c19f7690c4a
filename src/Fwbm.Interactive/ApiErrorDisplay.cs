using System.Net;
using Fwbm.Core;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Fwbm.Interactive;

/// <summary>
/// C# cells that call the FWBM API fail the way magics do: an <see cref="FwbmException"/> (or an <see cref="ArgumentException"/>
/// thrown by an FWBM type) escaping a cell fails it with its one-line message, and the full stack trace is one click away in a
/// collapsed &lt;details&gt; shown just before the error. Other exceptions keep the kernel's own report (message and trace).
/// <para>
/// How: a middleware on each C# kernel watches the cell's events; the kernel publishes the cell's diagnostics after running the
/// code and before failing it, and at that point the script state of this submission holds the exception the cell threw. The
/// middleware then shows the trace and fails the cell with the short message first (the kernel's own failure that follows is
/// ignored by the completed command).
/// </para>
/// </summary>
internal static class ApiErrorDisplay
{
    /// <summary>Install the middleware on every C# kernel under <paramref name="root"/> (once per kernel).</summary>
    public static void Install(Kernel root)
    {
        var kernels = root is CompositeKernel composite ? composite.ChildKernels.OfType<CSharpKernel>() : root is CSharpKernel cs ? [cs] : [];
        foreach (var kernel in kernels)
        {
            lock (Installed)
            {
                if (Installed.TryGetValue(kernel, out _)) continue;
                Installed.Add(kernel, new object());
            }
            kernel.AddMiddleware(async (command, context, next) =>
            {
                if (command is not SubmitCode submit) { await next(command, context); return; }
                var before = kernel.ScriptState;
                using var watch = context.KernelEvents.Subscribe(e =>
                {
                    if (e is not DiagnosticsProduced d || !ReferenceEquals(d.Command, submit)) return;
                    var state = kernel.ScriptState;
                    if (state is null || ReferenceEquals(state, before) || state.Exception is not { } ex || !IsApiError(ex)) return;
                    context.Publish(new DisplayedValueProduced(ex, submit, [new FormattedValue("text/html", TraceHtml(ex)), new FormattedValue(PlainTextFormatter.MimeType, TraceText(ex))]));
                    context.Fail(submit, null, OneLine(ex));   // no exception: Jupyter would print its trace as the traceback
                });
                await next(command, context);
            });
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Kernel, object> Installed = new();

    /// <summary>An error of the FWBM API: an FwbmException, or an ArgumentException thrown inside an FWBM type. A tutorial's
    /// <see cref="SelfCheckFailedException"/> is not one: it has no trace and its report is one line per failed check, which the
    /// kernel shows as it is.</summary>
    internal static bool IsApiError(Exception e) => e is FwbmException and not SelfCheckFailedException || e is ArgumentException && ThrownByFwbm(e);

    /// <summary>Whether the innermost frame outside the runtime (System.*, e.g. ArgumentNullException.ThrowIfNull) is in an FWBM type.</summary>
    private static bool ThrownByFwbm(Exception e) =>
        new System.Diagnostics.StackTrace(e, false).GetFrames().Select(f => f.GetMethod()?.DeclaringType)
            .FirstOrDefault(t => t is not null && !(t.Namespace ?? "").StartsWith("System", StringComparison.Ordinal))
            ?.Namespace?.StartsWith("Fwbm.", StringComparison.Ordinal) == true;

    /// <summary>The one line the cell fails with: the message (with the type for argument errors), on one line.</summary>
    internal static string OneLine(Exception e)
    {
        string m = e is FwbmException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        return string.Join(" ", m.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>The full trace in a collapsed details element.</summary>
    internal static string TraceHtml(Exception e) =>
        "<details class=\"fwbm-error-trace\"><summary>" + WebUtility.HtmlEncode($"{e.GetType().FullName}: full stack trace") + "</summary>" +
        "<pre style=\"white-space:pre-wrap;font-size:0.85em\">" + WebUtility.HtmlEncode(e.ToString()) + "</pre></details>";

    /// <summary>Plain-text front ends get one line saying where the trace is (the exception object, e.g. via the kernel's logs).</summary>
    internal static string TraceText(Exception e) =>
        $"({e.GetType().Name}: the full stack trace is shown in HTML front ends; {e.StackTrace?.Split('\n').Length ?? 0} frames)";
}
