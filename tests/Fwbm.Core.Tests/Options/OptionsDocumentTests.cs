using Fwbm.Core.Options;
using Xunit;

namespace Fwbm.Core.Tests.Options;

/// <summary>docs/reference/options.md is generated from the catalogue; regenerate with FWBM_UPDATE_DOCS=1 (see the file's header).</summary>
public class OptionsDocumentTests
{
    [Fact]
    public void The_committed_options_reference_is_the_rendered_catalogue()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FWBM.Interactive.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var path = Path.Combine(root.FullName, OptionsDocument.RelativePath);
        var rendered = OptionsDocument.Render();
        if (Environment.GetEnvironmentVariable("FWBM_UPDATE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, rendered);
        }
        Assert.True(File.Exists(path), $"{OptionsDocument.RelativePath} is missing; create it with: FWBM_UPDATE_DOCS=1 dotnet test tests/Fwbm.Core.Tests --filter \"FullyQualifiedName~OptionsDocument\"");
        var committed = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.True(committed == rendered,
            $"{OptionsDocument.RelativePath} differs from the options catalogue; regenerate it with: FWBM_UPDATE_DOCS=1 dotnet test tests/Fwbm.Core.Tests -c Release --filter \"FullyQualifiedName~OptionsDocument\"");
        Assert.Contains("`--duration 10min` → 600000 ms", rendered);
        Assert.Contains("`--dt 0.1` → 0.1 ms", rendered);
    }
}
