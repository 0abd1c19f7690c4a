using Fwbm.Cli.Notebooks;
using Microsoft.DotNet.Interactive.Documents;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>The HTML report shows every output a notebook can carry: HTML, SVG and raster images (data: URIs), markdown, plain text.</summary>
public sealed class HtmlReportTests
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static InteractiveDocument Doc(params InteractiveDocumentOutputElement[] outputs)
    {
        var cell = new InteractiveDocumentElement("display(x)", "csharp", outputs) { ExecutionOrder = 1 };
        return new InteractiveDocument([cell]);
    }

    [Fact]
    public void Markdown_outputs_are_rendered_not_dropped()
    {
        var html = HtmlReport.Render(Doc(new DisplayElement(new Dictionary<string, object>
        {
            ["text/markdown"] = "**bold** result, *r* = 0.5\n\n| a | b |\n|---|---|\n| 1 | 2 |", ["text/plain"] = "plain fallback",
        })), "t", null);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<td>1</td>", html);
        Assert.DoesNotContain("plain fallback", html);
    }

    [Fact]
    public void Images_are_inlined_as_data_uris()
    {
        var html = HtmlReport.Render(Doc(
            new DisplayElement(new Dictionary<string, object> { ["image/png"] = Png[..40] + "\n" + Png[40..], ["text/plain"] = "<Image>" }),
            new DisplayElement(new Dictionary<string, object> { ["image/jpeg"] = "/9j/4AAQSkZJRg==" }),
            new DisplayElement(new Dictionary<string, object> { ["image/svg+xml"] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script><circle r=\"4\"/></svg>" })),
            "t", null);
        Assert.Contains($"src=\"data:image/png;base64,{Png}\"", html);   // line breaks of the stored base64 removed
        Assert.Contains("src=\"data:image/jpeg;base64,/9j/4AAQSkZJRg==\"", html);
        Assert.Contains("src=\"data:image/svg+xml;base64,", html);
        Assert.DoesNotContain("<script>alert", html);                     // the SVG is an <img>, not markup in the page
        Assert.DoesNotContain("&lt;Image&gt;", html);
    }

    [Fact]
    public void A_value_that_is_not_base64_is_not_pasted_into_the_page()
    {
        var html = HtmlReport.Render(Doc(new DisplayElement(new Dictionary<string, object>
        { ["image/png"] = "\" onerror=\"alert(1)", ["text/plain"] = "fallback text" })), "t", null);
        Assert.DoesNotContain("onerror", html);
        Assert.Contains("fallback text", html);
    }

    /// <summary>The same outputs read back from an .ipynb (lists of lines, as Jupyter stores them).</summary>
    [Fact]
    public async Task Outputs_of_a_stored_notebook_render_too()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fwbm-report-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(path, $$$"""
            {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["x"], "outputs": [
              {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": ["## Result\n", "*done*"], "text/plain": ["x"]}},
              {"output_type": "display_data", "metadata": {}, "data": {"image/png": "{{{Png}}}\n", "text/plain": ["<Figure>"]}}]}],
             "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}}, "nbformat": 4, "nbformat_minor": 5}
            """);
        try
        {
            var html = HtmlReport.Render(await NotebookRunner.LoadAsync(path), "t", null);
            Assert.Contains("<em>done</em>", html);
            Assert.Contains(">Result</h2>", html);
            Assert.Contains($"src=\"data:image/png;base64,{Png}\"", html);
        }
        finally { File.Delete(path); }
    }
}
