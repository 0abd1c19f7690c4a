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

public class NativeSearchTests
{
    /// <summary>With no libtorch anywhere in the search, the error names the package to add (notebook and project form) and every path tried.</summary>
    [Fact]
    public void Missing_native_library_names_the_package_to_add()
    {
        var empty = Directory.CreateTempSubdirectory("fwbm-no-torch-");
        try
        {
            var search = new TorchRuntime.TorchSearch(null, null, [empty.FullName], empty.FullName, null, null);
            var e = Assert.Throws<Fwbm.Core.FwbmException>(() => TorchRuntime.RequireNative(search));
            Assert.Contains("the native libtorch library was not found", e.Message);
            Assert.Contains("#r \"nuget: libtorch-cpu-linux-x64, 2.10.0\"", e.Message);
            Assert.Contains("TorchSharp-cuda-linux", e.Message);
            Assert.Contains("PackageReference", e.Message);
            Assert.Contains(Path.Combine(empty.FullName, "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native"), e.Message);

            // an explicit FWBM_LIBTORCH_DIR that is wrong is an error, never a silent fallback to another libtorch
            var real = TorchRuntime.TorchSearch.FromEnvironment();
            var wrong = real with { LibTorchOverride = empty.FullName };
            var e2 = Assert.Throws<Fwbm.Core.FwbmException>(() => TorchRuntime.RequireNative(wrong));
            Assert.Contains($"FWBM_LIBTORCH_DIR={empty.FullName} has no libtorch_cpu.so", e2.Message);
        }
        finally { empty.Delete(true); }
    }

    /// <summary>The default search finds the libtorch folder and LibTorchSharp that the loaded backend uses.</summary>
    [Fact]
    public void Default_search_finds_what_was_loaded()
    {
        var info = TorchRuntime.EnsureLoaded();
        if (!OperatingSystem.IsLinux()) return;
        var (dir, sharp) = TorchRuntime.RequireNative(TorchRuntime.TorchSearch.FromEnvironment());
        Assert.Equal(info.LibTorchDirectory, dir);
        Assert.Equal(info.LibTorchSharpOriginal, sharp);
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
