using System.Net;
using System.Text;
using Markdig;
using Microsoft.DotNet.Interactive.Documents;

namespace Fwbm.Cli.Notebooks;

/// <summary>
/// A self-contained HTML page of an executed notebook: markdown rendered, code shown, outputs inline. The charts' HTML carries
/// plotly.js itself (FWBM inlines it once per kernel session), so the page renders with no network.
/// </summary>
internal static class HtmlReport
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string Render(InteractiveDocument doc, string title, NotebookRunResult? result)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n");
        sb.Append("<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
          .Append(".cell{margin:1.2em 0}.code pre{background:#f6f8fa;border-left:3px solid #4a90d9;padding:.6em;overflow-x:auto;font-size:13px}")
          .Append(".out pre{background:#fff;border-left:3px solid #ccc;padding:.4em;overflow-x:auto;font-size:12px}")
          .Append(".err pre{background:#fff0f0;border-left:3px solid #d62728;color:#900;padding:.6em;white-space:pre-wrap}")
          .Append(".status{padding:.6em;border-radius:4px}.ok{background:#eef9ee}.fail{background:#fdecec}.n{color:#888;font-size:11px}</style>\n");
        sb.Append("</head><body>\n");
        if (result is not null)
            sb.Append("<div class=\"status ").Append(result.Succeeded ? "ok" : "fail").Append("\">")
              .Append(WebUtility.HtmlEncode(result.Succeeded
                  ? $"Executed by fwbm run: {result.CellsRun} code cells in {result.Elapsed.TotalSeconds:F1} s."
                  : result.Interrupted
                  ? $"Executed by fwbm run: INTERRUPTED at code cell [{result.FailedCell}] after {result.Elapsed.TotalSeconds:F1} s; the cells after it did not run."
                  : $"Executed by fwbm run: stopped at a failing cell after {result.CellsRun} code cells ({result.Elapsed.TotalSeconds:F1} s): {result.Error}"))
              .Append("</div>\n");
        foreach (var cell in doc.Elements)
        {
            if (cell.KernelName is "markdown" or "md")
            {
                sb.Append("<div class=\"cell md\">").Append(Markdig.Markdown.ToHtml(cell.Contents, Markdown)).Append("</div>\n");
                continue;
            }
            sb.Append("<div class=\"cell\"><div class=\"code\"><span class=\"n\">[").Append(cell.ExecutionOrder > 0 ? cell.ExecutionOrder.ToString() : " ")
              .Append("]</span><pre><code>").Append(WebUtility.HtmlEncode(cell.Contents)).Append("</code></pre></div>\n");
            foreach (var o in cell.Outputs) sb.Append(Output(o));
            sb.Append("</div>\n");
        }
        return sb.Append("</body></html>\n").ToString();
    }

    private static string Output(InteractiveDocumentOutputElement o)
    {
        switch (o)
        {
            case ErrorElement e:
                return "<div class=\"err\"><pre>" + WebUtility.HtmlEncode(e.ErrorValue) + "</pre></div>\n";
            case TextElement t:
                return "<div class=\"out\"><pre>" + WebUtility.HtmlEncode(t.Text) + "</pre></div>\n";
            case DisplayElement d:
                return Data(d.Data);
            case ReturnValueElement r:
                return Data(r.Data);
            default:
                return "";
        }
    }

    /// <summary>Raster images a report shows inline (as data: URIs), in Jupyter's order of preference after HTML and SVG.</summary>
    private static readonly string[] RasterTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    /// <summary>One output in the richest form the report can show, in nbconvert's order: HTML, SVG, raster images, markdown, plain text.</summary>
    internal static string Data(IDictionary<string, object> data)
    {
        if (data.TryGetValue("text/html", out var html)) return "<div class=\"out html\">" + Str(html) + "</div>\n";
        if (data.TryGetValue("image/svg+xml", out var svg))
            // as an <img> (not inline markup): a drawing cannot run script or restyle the page
            return Image("image/svg+xml", Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(svg))));
        foreach (var type in RasterTypes)
            if (data.TryGetValue(type, out var image) && Base64(Str(image)) is { } b64) return Image(type, b64);
        if (data.TryGetValue("text/markdown", out var md)) return "<div class=\"out md\">" + Markdig.Markdown.ToHtml(Str(md), Markdown) + "</div>\n";
        if (data.TryGetValue("text/plain", out var plain)) return "<div class=\"out\"><pre>" + WebUtility.HtmlEncode(Str(plain)) + "</pre></div>\n";
        return "";
    }

    private static string Image(string type, string base64) =>
        "<div class=\"out img\"><img alt=\"output image\" style=\"max-width:100%\" src=\"data:" + type + ";base64," + base64 + "\"></div>\n";

    /// <summary>The base64 payload without line breaks, or null when it is not base64 (never pasted into an attribute unchecked).</summary>
    private static string? Base64(string value)
    {
        var compact = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c)) continue;
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')) return null;
            compact.Append(c);
        }
        return compact.Length > 0 ? compact.ToString() : null;
    }

    private static string Str(object v) => v switch
    {
        string s => s,
        IEnumerable<string> lines => string.Concat(lines),
        IEnumerable<object> lines => string.Concat(lines.Select(l => l is System.Text.Json.JsonElement j ? j.GetString() : l?.ToString())),   // .ipynb multi-line values as read back
        System.Text.Json.JsonElement je when je.ValueKind == System.Text.Json.JsonValueKind.Array => string.Concat(je.EnumerateArray().Select(x => x.GetString())),
        System.Text.Json.JsonElement je => je.ToString(),
        _ => v?.ToString() ?? "",
    };
}
