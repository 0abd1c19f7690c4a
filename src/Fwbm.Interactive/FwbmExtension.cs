using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Fwbm.Core;
using Fwbm.Interactive.Magics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace Fwbm.Interactive;

/// <summary>
/// The FWBM extension for .NET Interactive: registers the formatters and the <c>#!fwbm-…</c> magics on a kernel. Loaded
/// automatically after <c>#r "nuget: FWBM.Interactive"</c> (the package's <c>interactive-extensions/dotnet/extension.dib</c> calls
/// <see cref="Load"/>), and by <c>fwbm run</c> on its in-process kernel.
/// </summary>
public sealed class FwbmExtension : IKernelExtension
{
    // per root kernel: directive name → magic. All magics share one command type, so the kernel keeps one handler for them
    // (the last registered); that handler dispatches on the invoked directive's name.
    private static readonly ConditionalWeakTable<Kernel, Dictionary<string, FwbmMagic>> Installed = new();

    /// <summary>For hosts that load <see cref="IKernelExtension"/>s from assemblies.</summary>
    public Task OnLoadAsync(Kernel kernel)
    {
        Load(kernel);
        return Task.CompletedTask;
    }

    /// <summary>Register formatters and magics on <paramref name="kernel"/> (its root). Safe to call more than once.</summary>
    public static void Load(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        UseLoadedFSharpCore();
        var root = kernel.RootKernel;
        ConnectomeSources.DatasetLoader ??= id => Core.Data.Datasets.LoadConnectome(id);
        ConnectomeSources.DatasetIds = () => Core.Data.Datasets.List().Select(d => d.Id);
        RegisterFormatters();
        foreach (var magic in MagicRegistry.All) AddMagic(root, magic);
        // C# cells: an FWBM API error fails the cell with one line, the stack trace collapsed above it (as magics report errors)
        ApiErrorDisplay.Install(root);
        // in a Jupyter .net-csharp kernel: Interrupt (SIGINT) cancels the running cell instead of shutting the kernel down
        JupyterInterrupt.Install(root);
        if (KernelInvocationContext.Current is { } ctx)
            ctx.DisplayAs($"FWBM.Interactive {Version} loaded: magics {string.Join(", ", MagicRegistry.All.Select(m => m.Name))} (add --help to any); charts render offline; the Torch backend (#!fwbm-fit) loads on first use{(JupyterInterrupt.Installed ? "; Jupyter's Interrupt stops the running cell" : "")}.", "text/plain");
    }

    /// <summary>The version of this assembly (the package version).</summary>
    public static string Version => typeof(FwbmExtension).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "?";

    // kept out of Load's body so that Plotly.NET (and FSharp.Core) are only touched after the redirect is in place
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterFormatters() => Formatting.FwbmFormatters.Register();

    /// <summary>Install one magic on a kernel (once per kernel and name).</summary>
    public static void AddMagic(Kernel kernel, FwbmMagic magic)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(magic);
        var root = kernel.RootKernel;
        Dictionary<string, FwbmMagic> magics;
        lock (Installed)
        {
            magics = Installed.GetOrCreateValue(root);
            if (magics.ContainsKey(magic.Name)) { magics[magic.Name] = magic; return; }
            magics[magic.Name] = magic;
        }
        root.AddDirective<FwbmMagicCommand>(magic.CreateDirective(root), (cmd, ctx) =>
        {
            string invoked = cmd.Values.TryGetValue("invokedDirective", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString()! : magic.Name;
            FwbmMagic? target;
            lock (Installed) magics.TryGetValue(invoked, out target);
            return InvokeAsync(target ?? magic, cmd, ctx, root);
        });
    }

    /// <summary>
    /// Runs a magic so that nothing escapes into the kernel: bad input and FWBM errors fail the cell with their message,
    /// an interrupt fails it as cancelled, and any other exception fails it with its type and message (never a crash).
    /// </summary>
    internal static async Task InvokeAsync(FwbmMagic magic, FwbmMagicCommand cmd, KernelInvocationContext ctx, Kernel root)
    {
        try
        {
            if (cmd.Values.TryGetValue("help", out var h) && h.ValueKind == System.Text.Json.JsonValueKind.True)
            {
                ctx.DisplayAs(magic.Help(), "text/plain");
                return;
            }
            MagicArguments.CheckEveryParameterHasAValue(magic, SubmittedCode(cmd));
            var context = new MagicContext(ctx, root);
            var args = MagicArguments.FromCommand(magic, cmd, v => context.TryGetVariable<object>(v, out var o) ? o : null, SubmittedCode(cmd));
            await magic.RunAsync(args, context);
        }
        catch (OperationCanceledException e) when (ctx.CancellationToken.IsCancellationRequested)
        {
            ctx.Fail(cmd, null, e is MagicCancelledException kept ? kept.Message : $"{magic.Name}: cancelled (kernel interrupted); nothing was bound.");
        }
        catch (FwbmException e)
        {
            ctx.Fail(cmd, null, e.Message);
        }
        catch (Exception e)
        {
            var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
            if (inner is FwbmException fe) { ctx.Fail(cmd, null, fe.Message); return; }
            ctx.Fail(cmd, null, $"{magic.Name} failed: {inner.GetType().Name}: {inner.Message}");
        }
    }

    /// <summary>The code of the cell that contained the magic line (the directive command's parent submission), when known.</summary>
    private static string? SubmittedCode(KernelCommand cmd)
    {
        for (var c = cmd.Parent; c is not null; c = c.Parent)
            if (c is SubmitCode s) return s.Code;
        return null;
    }

    private static int _fsharpRedirect;

    /// <summary>
    /// Plotly.NET 6 is built against FSharp.Core 10.1 while hosts may already have loaded another FSharp.Core (the dotnet-interactive
    /// tool ships 10.0.x). Only one FSharp.Core can live in the default load context, so requests for any FSharp.Core resolve to the
    /// one already loaded.
    /// </summary>
    internal static void UseLoadedFSharpCore()
    {
        if (Interlocked.Exchange(ref _fsharpRedirect, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += (_, name) => name.Name == "FSharp.Core" ? LoadedFSharpCore() : null;
        AppDomain.CurrentDomain.AssemblyResolve += (_, e) => new AssemblyName(e.Name).Name == "FSharp.Core" ? LoadedFSharpCore() : null;
    }

    private static Assembly? LoadedFSharpCore() =>
        AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "FSharp.Core").OrderByDescending(a => a.GetName().Version).FirstOrDefault();
}
