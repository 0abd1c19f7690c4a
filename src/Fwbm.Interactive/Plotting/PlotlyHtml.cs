using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Plotly.NET;

namespace Fwbm.Interactive.Plotting;

/// <summary>Where the plotly.js library comes from when a chart is rendered as HTML.</summary>
public enum PlotlyJsMode
{
    /// <summary>Inline the library (embedded in Plotly.NET.dll) with the first chart of each kernel session, and again whenever the
    /// cell that carried it runs again; later charts reuse it. Renders with no network. The default.</summary>
    OncePerNotebook,
    /// <summary>Inline the library in every chart (each output renders on its own, even when copied elsewhere; ≈3.6 MB per chart).</summary>
    PerChart,
    /// <summary>Reference plotly.js on a CDN (small outputs; needs a network when the notebook is viewed).</summary>
    Cdn,
}

/// <summary>
/// Renders a <see cref="GenericChart"/> as self-contained HTML: a div, the figure as JSON in a <c>application/json</c> script, and a
/// small script that draws it with plotly.js — taken from Plotly.NET's embedded copy, so nothing depends on a CDN by default.
/// </summary>
public static class PlotlyHtml
{
    /// <summary>The plotly.js version embedded in Plotly.NET.dll.</summary>
    public const string PlotlyJsVersion = "2.28.0";
    private const string ResourceName = "Plotly.NET.plotly-2.28.0.min.js";
    private static readonly Lazy<string> Library = new(LoadLibrary);
    private static readonly ConditionalWeakTable<object, object> SessionsWithLibrary = new();
    private static readonly object NoSession = new();

    /// <summary>How plotly.js is included (default: inline once per notebook/kernel session).</summary>
    public static PlotlyJsMode Mode { get; set; } = PlotlyJsMode.OncePerNotebook;

    /// <summary>Chart height in pixels when the chart does not set one.</summary>
    public static int DefaultHeight { get; set; } = 480;

    /// <summary>Makes element ids: random by default (outputs from several runs can share a page); tests may fix it.</summary>
    public static Func<string> NewId { get; set; } = () => "fwbm-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The minified plotly.js library embedded in Plotly.NET.dll.</summary>
    public static string PlotlyJs => Library.Value;

    private static string LoadLibrary()
    {
        using var s = typeof(GenericChart).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Plotly.NET.dll does not embed '{ResourceName}'; cannot render charts offline.");
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }

    /// <summary>The figure JSON ({data, layout, config}) of a chart, as plotly.js takes it.</summary>
    public static string FigureJson(GenericChart chart) => GenericChart.toFigureJson(chart);

    /// <summary>
    /// A script element that defines <c>window.Plotly</c> from the embedded library (once per page: it does nothing when Plotly is
    /// already there). AMD loaders (Jupyter classic's require.js) are hidden from the library so it always sets the global.
    /// </summary>
    public static string LibraryScript() =>
        "<script type=\"text/javascript\">/* plotly.js " + PlotlyJsVersion + " (MIT licence), embedded by FWBM for offline rendering */\n" +
        "if (typeof window.Plotly === 'undefined') { (function(define, module, exports) {\n" + PlotlyJs + "\n}).call(window, undefined, undefined, undefined); }\n</script>";

    /// <summary>The submission (outermost command) whose output carries the library in a session, and the code of that cell.</summary>
    private sealed class Carrier
    {
        public object? Command;
        public string? Code;
    }

    private static (object? Command, string? Code) CurrentSubmission()
    {
        KernelCommand? c = KernelInvocationContext.Current?.Command;
        string? code = null;
        object? outer = c;
        for (; c is not null; c = c.Parent)
        {
            outer = c;
            if (c is SubmitCode s) code = s.Code;
        }
        return (outer, code);
    }

    /// <summary>
    /// True when this chart must carry the library, given <see cref="Mode"/> and what the session already has. Once per notebook
    /// means: the first chart of the session carries it, and so does the first chart of any later run of the cell that carried it
    /// (re-running a cell replaces its outputs — without this, the saved notebook would lose the library and every chart after it
    /// would stay blank when the file is opened again).
    /// </summary>
    private static bool NeedsLibrary()
    {
        switch (Mode)
        {
            case PlotlyJsMode.PerChart: return true;
            case PlotlyJsMode.Cdn: return false;
        }
        object session = (object?)KernelInvocationContext.Current?.HandlingKernel?.RootKernel ?? NoSession;
        if (ReferenceEquals(session, NoSession)) return true; // formatted outside a kernel: be self-contained
        var (command, code) = CurrentSubmission();
        lock (SessionsWithLibrary)
        {
            if (SessionsWithLibrary.TryGetValue(session, out var o) && o is Carrier carrier)
            {
                if (ReferenceEquals(carrier.Command, command)) return false;       // the carrying cell, a later chart of the same run
                if (code is null || carrier.Code != code) return false;           // another cell: the library is on the page already
                carrier.Command = command;                                         // the carrying cell runs again: it carries it again
                return true;
            }
            SessionsWithLibrary.AddOrUpdate(session, new Carrier { Command = command, Code = code });
            return true;
        }
    }

    /// <summary>
    /// The library script when the current kernel session has not received it yet (mode <see cref="PlotlyJsMode.OncePerNotebook"/>), to
    /// be displayed in an output of its own; null otherwise. Displays that are updated in place (a live loss curve) call this first, so
    /// that no update replaces the output that carried the library.
    /// </summary>
    public static string? LibraryForSession() => Mode == PlotlyJsMode.OncePerNotebook && NeedsLibrary() ? LibraryScript() : null;

    /// <summary>Forget which kernel sessions already received the library (the next chart carries it again).</summary>
    public static void ResetSessions()
    {
        lock (SessionsWithLibrary) SessionsWithLibrary.Clear();
    }

    /// <summary>
    /// HTML for one chart (div + figure JSON + drawing script, and the library when needed). The div is as tall as the chart's layout
    /// says (charts sized to their region count set it), else <paramref name="height"/>, else <see cref="DefaultHeight"/>. A chart with
    /// 3-D traces is drawn as a 2-D axial projection (x–y, same traces and legend, the title saying so) where the browser has no WebGL,
    /// where its WebGL context is lost (a long notebook can run out of contexts), or when the page's address contains
    /// <see cref="Force2DFlag"/> or the page sets <c>window.FWBM_FORCE_2D = true</c>.
    /// </summary>
    public static string ToHtml(GenericChart chart, int? height = null)
    {
        string id = NewId();
        string figure = FigureJson(chart);
        string json = figure.Replace("</", "<\\/", StringComparison.Ordinal);
        int h = LayoutHeight(figure) ?? height ?? DefaultHeight;
        var sb = new StringBuilder();
        if (NeedsLibrary()) sb.Append(LibraryScript()).Append('\n');
        else if (Mode == PlotlyJsMode.Cdn)
            sb.Append("<script src=\"https://cdn.plot.ly/plotly-").Append(PlotlyJsVersion).Append(".min.js\" charset=\"utf-8\"></script>\n");
        sb.Append("<div id=\"").Append(id).Append("\" class=\"fwbm-plot\" style=\"width:100%;height:").Append(h).Append("px;\"></div>\n");
        sb.Append("<script type=\"application/json\" id=\"").Append(id).Append("-figure\" class=\"fwbm-figure\">").Append(json).Append("</script>\n");
        sb.Append("<script type=\"text/javascript\">(function(){var id='").Append(id).Append("';")
          .Append(Fallback2DScript)
          .Append("function draw(){var el=document.getElementById(id);if(!el)return;")
          .Append("var fig=JSON.parse(document.getElementById(id+'-figure').textContent);")
          .Append("var cfg=Object.assign({responsive:true,displaylogo:false},fig.config||{});")
          .Append("if(has3d(fig)&&!webgl()){fig=to2d(fig,'WebGL is not available');}")
          .Append("window.Plotly.newPlot(el,fig.data,fig.layout||{},cfg).then(function(){if(!has3d(fig))return;")
          .Append("el.querySelectorAll('canvas').forEach(function(c){c.addEventListener('webglcontextlost',function(){")
          .Append("var f2=to2d(JSON.parse(document.getElementById(id+'-figure').textContent),'the WebGL context was lost');")
          .Append("window.Plotly.purge(el);window.Plotly.newPlot(el,f2.data,f2.layout,cfg);});});});}")
          .Append("if(window.Plotly){draw();}else{var n=0;var t=setInterval(function(){n++;if(window.Plotly){clearInterval(t);draw();}")
          .Append("else if(n>600){clearInterval(t);var el=document.getElementById(id);if(el)el.textContent='plotly.js did not load: re-run the first chart cell or set PlotlyHtml.Mode = PlotlyJsMode.PerChart.';}},50);}")
          .Append("})();</script>");
        return sb.ToString();
    }

    /// <summary>In a page's address (query or fragment), forces 3-D charts to their 2-D projection (to test the fallback).</summary>
    public const string Force2DFlag = "fwbm-2d";

    /// <summary>
    /// The page-side part of the 3-D → 2-D fallback: <c>has3d(fig)</c>, <c>webgl()</c> (a canvas that gives a webgl or
    /// experimental-webgl context, unless forced off) and <c>to2d(fig, why)</c> (scatter3d traces become scatter traces of x and y,
    /// the scene becomes x/y axes with equal scales, the title says it is a 2-D fallback and why).
    /// </summary>
    internal const string Fallback2DScript =
        "function has3d(f){return (f.data||[]).some(function(t){return /3d$/.test(t.type||'');});}" +
        "function webgl(){if(window.FWBM_FORCE_2D===true||/[?#&]" + Force2DFlag + "\\b/.test(location.href))return false;" +
        "try{var c=document.createElement('canvas');return !!(window.WebGLRenderingContext&&(c.getContext('webgl')||c.getContext('experimental-webgl')));}catch(e){return false;}}" +
        "function to2d(f,why){var L=Object.assign({},f.layout||{});var s=L.scene||{};delete L.scene;" +
        "function ax(a,d){var t=(a&&a.title&&a.title.text)||d;return {title:{text:t},automargin:true,zeroline:false};}" +
        "L.xaxis=ax(s.xaxis,'x');L.yaxis=ax(s.yaxis,'y');L.yaxis.scaleanchor='x';" +
        "var T=L.title||{};var txt=(typeof T==='string'?T:(T.text||''));" +
        "L.title=Object.assign({},typeof T==='string'?{}:T,{text:txt+'<br><sub>2D fallback: axial projection (x–y), '+why+'</sub>'});" +
        "var m=Object.assign({},L.margin||{});m.t=(m.t||60)+24;L.margin=m;" +
        "var D=(f.data||[]).map(function(t){if(!/3d$/.test(t.type||''))return t;var u=Object.assign({},t);" +
        "u.type='scatter';delete u.z;if(u.line){u.line=Object.assign({},u.line);}return u;});" +
        "return {data:D,layout:L,config:f.config};}";

    /// <summary>The height a chart's layout asks for (px), if any.</summary>
    internal static int? LayoutHeight(string figureJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(figureJson);
        return doc.RootElement.TryGetProperty("layout", out var l) && l.TryGetProperty("height", out var h) && h.TryGetInt32(out int px) ? px : null;
    }
}
