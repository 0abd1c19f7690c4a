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

    private static string Data(IDictionary<string, object> data)
    {
        if (data.TryGetValue("text/html", out var html)) return "<div class=\"out html\">" + Str(html) + "</div>\n";
        if (data.TryGetValue("text/plain", out var plain)) return "<div class=\"out\"><pre>" + WebUtility.HtmlEncode(Str(plain)) + "</pre></div>\n";
        return "";
    }

    private static string Str(object v) => v switch
    {
        string s => s,
        IEnumerable<string> lines => string.Concat(lines),
        System.Text.Json.JsonElement je when je.ValueKind == System.Text.Json.JsonValueKind.Array => string.Concat(je.EnumerateArray().Select(x => x.GetString())),
        System.Text.Json.JsonElement je => je.ToString(),
        _ => v?.ToString() ?? "",
    };
}
