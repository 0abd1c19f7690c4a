using Fwbm.Torch;
using Fwbm.Torch.Native;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

public class RuntimeTests
{
    [Fact]
    public void Loads_and_computes()
    {
        var info = TorchRuntime.EnsureLoaded();
        using var a = torch.arange(6, dtype: ScalarType.Float64).reshape(2, 3);
        using var b = a.matmul(a.t());
        Assert.Equal(new double[] { 5, 14, 14, 50 }, b.data<double>().ToArray());
        Assert.Contains("libtorch", info.ToString());
    }
}

public class ElfPatcherTests
{
    /// <summary>The patched copy marks exactly the GLIBCXX_3.4.32 requirement weak and changes no other byte; the original is untouched.</summary>
    [Fact]
    public void Patch_changes_only_the_version_flag()
    {
        var info = TorchRuntime.EnsureLoaded();
        if (!OperatingSystem.IsLinux() || info.LibTorchSharpOriginal is null) return;
        var orig = File.ReadAllBytes(info.LibTorchSharpOriginal);
        var needs = ElfVersionPatcher.ReadVersionNeeds(orig);
        Assert.Contains(needs, n => n.File == "libstdc++.so.6" && n.Version == "GLIBCXX_3.4.30");
        var tmp = Path.Combine(Path.GetTempPath(), $"fwbm-elf-{Guid.NewGuid():N}.so");
        try
        {
            int changed = ElfVersionPatcher.PatchCopy(info.LibTorchSharpOriginal, tmp, ["GLIBCXX_3.4.32"]);
            var patched = File.ReadAllBytes(tmp);
            Assert.Equal(orig.Length, patched.Length);
            var diff = Enumerable.Range(0, orig.Length).Where(i => orig[i] != patched[i]).ToList();
            Assert.Equal(changed, diff.Count);   // one flag byte per weakened entry
            Assert.All(ElfVersionPatcher.ReadVersionNeeds(patched), n => Assert.True(n.Version != "GLIBCXX_3.4.32" || n.Weak));
            Assert.Equal(needs.Count(n => !n.Weak && n.Version != "GLIBCXX_3.4.32"), ElfVersionPatcher.ReadVersionNeeds(patched).Count(n => !n.Weak));
            Assert.Equal(orig, File.ReadAllBytes(info.LibTorchSharpOriginal));
        }
        finally { File.Delete(tmp); }
        Assert.Throws<Fwbm.Core.FwbmException>(() => ElfVersionPatcher.ReadVersionNeeds(new byte[100]));
    }
}
