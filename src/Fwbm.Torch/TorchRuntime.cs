using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Fwbm.Core;
using Fwbm.Torch.Native;
using TorchSharp;

namespace Fwbm.Torch;

/// <summary>What <see cref="TorchRuntime.EnsureLoaded"/> found and loaded.</summary>
/// <param name="LibTorchDirectory">Folder of the libtorch native libraries in use (libtorch_cpu.so …), or null when TorchSharp found them itself.</param>
/// <param name="LibTorchSharpOriginal">The TorchSharp native glue library as shipped in its package (never modified).</param>
/// <param name="LibTorchSharpLoaded">The glue library actually loaded: the original or a patched copy.</param>
/// <param name="Patched">True when the loaded glue library is a copy with weakened GLIBCXX requirements.</param>
/// <param name="ResolverInstalled">True when FWBM installed the DllImport resolver for TorchSharp (false if the host had one already).</param>
/// <param name="CudaAvailable">True when a CUDA device can be used.</param>
public sealed record TorchNativeInfo(string? LibTorchDirectory, string? LibTorchSharpOriginal, string? LibTorchSharpLoaded, bool Patched,
    bool ResolverInstalled, bool CudaAvailable)
{
    public override string ToString() =>
        $"libtorch: {LibTorchDirectory ?? "(found by TorchSharp)"}; LibTorchSharp: {LibTorchSharpLoaded ?? "(found by TorchSharp)"}{(Patched ? " (patched copy)" : "")}; CUDA: {(CudaAvailable ? "available" : "not available")}";
}

/// <summary>
/// Loads TorchSharp's native part so that it works on machines whose libstdc++ is older than the one TorchSharp was built
/// against, without modifying the NuGet cache. Call <see cref="EnsureLoaded"/> before the first use of TorchSharp (every FWBM Torch
/// API does); it is idempotent and thread-safe.
/// </summary>
/// <remarks>
/// <para>On Linux, TorchSharp 0.107's <c>libLibTorchSharp.so</c> requires <c>GLIBCXX_3.4.32</c> for one symbol (<c>_ZSt21ios_base_library_initv</c>).
/// <see cref="EnsureLoaded"/> finds the library (next to the application, in the TorchSharp package, or <c>FWBM_LIBTORCHSHARP</c>), writes a copy with
/// that requirement marked weak into a cache folder (<c>FWBM_NATIVE_CACHE</c>, else <c>$XDG_CACHE_HOME/fwbm/native</c> or <c>~/.cache/fwbm/native</c>,
/// one sub-folder per hash of the original), preloads libtorch (<c>libc10.so</c>, <c>libtorch_cpu.so</c>, <c>libtorch.so</c>, and <c>libtorch_cuda.so</c>
/// when present) from the libtorch folder (<c>FWBM_LIBTORCH_DIR</c>, next to the application, or the NuGet package of the libtorch runtime),
/// loads the patched copy, and points TorchSharp's <c>DllImport("LibTorchSharp")</c> at it with a
/// <see cref="NativeLibrary.SetDllImportResolver"/> resolver.</para>
/// <para>Notebook hosts (.NET Interactive, <c>fwbm run</c>) load TorchSharp.dll straight from the NuGet cache, where only the unpatched library is;
/// calling <see cref="EnsureLoaded"/> before any other TorchSharp call (the FWBM extension does this when it loads) is all they need.</para>
/// </remarks>
public static class TorchRuntime
{
    /// <summary>The libtorch version TorchSharp 0.107 binds to.</summary>
    public const string LibTorchVersion = "2.10.0";
    private static readonly string[] WeakenedVersions = ["GLIBCXX_3.4.32"];
    private static readonly object Gate = new();
    private static TorchNativeInfo? _info;
    private static IntPtr _sharpHandle;

    /// <summary>Load the native backend once (see the class remarks). Throws <see cref="FwbmException"/> with every path tried when it cannot.</summary>
    public static TorchNativeInfo EnsureLoaded()
    {
        if (_info is { } done) return done;
        lock (Gate)
        {
            if (_info is { } again) return again;
            _info = Load();
            return _info;
        }
    }

    private static TorchNativeInfo Load()
    {
        var trace = new List<string>();
        string? libDir = null, original = null, loaded = null;
        bool patched = false, resolver = false;
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            var search = TorchSearch.FromEnvironment();
            (libDir, original) = Locate(search, trace);
            if (search.LibTorchOverride is not null && libDir is null || search.LibTorchSharpOverride is not null && original is null)
                throw Fail("the library named by the environment was not found", trace);
            if (original is not null && libDir is not null)
            {
                foreach (var lib in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
                {
                    var path = Path.Combine(libDir, lib);
                    if (!File.Exists(path)) continue;
                    try { NativeLibrary.Load(path); trace.Add($"preloaded {path}"); }
                    catch (Exception e) { throw Fail($"could not load {path}: {e.Message}", trace); }
                }
                if (File.Exists(Path.Combine(libDir, "libtorch_cuda.so")))
                {
                    // the CUDA backend registers itself when loaded; on a machine without a driver this fails and we stay on the CPU
                    bool ok = NativeLibrary.TryLoad(Path.Combine(libDir, "libtorch_cuda.so"), out _);
                    trace.Add($"libtorch_cuda.so {(ok ? "loaded" : "present but not loadable (no CUDA driver?)")}");
                }
                (loaded, patched) = PrepareLibTorchSharp(original, trace);
                try { _sharpHandle = NativeLibrary.Load(loaded); trace.Add($"loaded {loaded}"); }
                catch (Exception e) { throw Fail($"could not load {loaded}: {e.Message}", trace); }
                try
                {
                    var handle = _sharpHandle;
                    NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, (name, _, _) =>
                        name is "LibTorchSharp" or "libLibTorchSharp" or "libLibTorchSharp.so" ? handle : IntPtr.Zero);
                    resolver = true;
                }
                catch (InvalidOperationException)
                {
                    // the host installed its own resolver; the preloaded library is still found by its soname
                    trace.Add("TorchSharp already has a DllImport resolver; relying on the preloaded library");
                }
            }
        }
        bool cuda;
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            cuda = torch.cuda.is_available();
        }
        catch (Exception e) when (e is not FwbmException)
        {
            // without libtorch found above, TorchSharp searched on its own (it finds e.g. a CUDA runtime package next to it)
            throw Fail(libDir is null || original is null
                ? $"the native libtorch library was not found ({e.Message.Split('\n')[0].Trim()})"
                : $"TorchSharp could not initialise its native backend: {e.Message}", trace);
        }
        return new TorchNativeInfo(libDir, original, loaded, patched, resolver, cuda);
    }

    /// <summary>What to add when the native part is missing (named in every load error).</summary>
    public const string NativePackageAdvice =
        "The native part comes from a libtorch runtime package that the application or notebook adds: in a notebook " +
        "#r \"nuget: libtorch-cpu-linux-x64, " + LibTorchVersion + "\" (CPU, Linux x64; Windows: libtorch-cpu-win-x64, macOS: libtorch-cpu-osx-arm64), " +
        "for NVIDIA GPUs #r \"nuget: TorchSharp-cuda-linux, 0.107.0\" (Windows: TorchSharp-cuda-windows); in a project a PackageReference to the same package";

    private static FwbmException Fail(string what, List<string> trace) => new(
        $"Torch backend: {what}. {NativePackageAdvice}. Searched: {string.Join("; ", trace)}. Set FWBM_LIBTORCH_DIR to a folder " +
        "with libtorch_cpu.so, or FWBM_LIBTORCHSHARP to libLibTorchSharp.so, to choose the libraries yourself.");

    /// <summary>
    /// Throws the error a missing native part gives when <paramref name="search"/> finds no libtorch or no LibTorchSharp; returns the
    /// folder and library otherwise. <see cref="EnsureLoaded"/> searches <see cref="TorchSearch.FromEnvironment"/>.
    /// </summary>
    internal static (string LibTorchDirectory, string LibTorchSharp) RequireNative(TorchSearch search)
    {
        var trace = new List<string>();
        var (dir, sharp) = Locate(search, trace);
        if (dir is null || sharp is null) throw Fail("the native libtorch library was not found", trace);
        return (dir, sharp);
    }

    // ------------------------------------------------------------------ search

    /// <summary>Where the native libraries are looked for: explicit overrides, the application's folders, the NuGet package folder.</summary>
    internal sealed record TorchSearch(string? LibTorchOverride, string? LibTorchSharpOverride, IReadOnlyList<string> AppDirectories,
        string NuGetRoot, string? TorchSharpAssembly, string? TorchSharpVersion)
    {
        public static TorchSearch FromEnvironment()
        {
            var bases = new List<string> { AppContext.BaseDirectory };
            var asm = typeof(TorchRuntime).Assembly.Location;
            if (!string.IsNullOrEmpty(asm)) bases.Add(Path.GetDirectoryName(asm)!);
            var dirs = bases.Distinct().SelectMany(b => new[] { Path.Combine(b, "runtimes", "linux-x64", "native"), b }).ToList();
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var ts = typeof(torch).Assembly;
            return new TorchSearch(
                Environment.GetEnvironmentVariable("FWBM_LIBTORCH_DIR") is { Length: > 0 } l ? l : null,
                Environment.GetEnvironmentVariable("FWBM_LIBTORCHSHARP") is { Length: > 0 } s ? s : null,
                dirs, root, string.IsNullOrEmpty(ts.Location) ? null : ts.Location,
                ts.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]);
        }
    }

    /// <summary>The libtorch runtime packages looked for in the NuGet package folder (CPU first).</summary>
    internal static readonly string[] RuntimePackages = ["libtorch-cpu-linux-x64", "libtorch-cuda-12.8-linux-x64"];

    internal static (string? LibTorchDirectory, string? LibTorchSharp) Locate(TorchSearch search, List<string> trace) =>
        (FindLibTorchDirectory(search, trace), FindLibTorchSharp(search, trace));

    private static string? FindLibTorchDirectory(TorchSearch s, List<string> trace)
    {
        if (s.LibTorchOverride is { } env)
        {
            // an explicit choice that is wrong is an error, not a reason to take another libtorch silently
            if (HasLibTorch(env)) return env;
            trace.Add($"FWBM_LIBTORCH_DIR={env} has no libtorch_cpu.so");
            return null;
        }
        foreach (var d in s.AppDirectories)
        {
            if (HasLibTorch(d)) return d;
            trace.Add($"no libtorch in {d}");
        }
        foreach (var pkg in RuntimePackages)
        {
            var d = Path.Combine(s.NuGetRoot, pkg, LibTorchVersion, "runtimes", "linux-x64", "native");
            if (HasLibTorch(d)) return d;
            trace.Add($"no libtorch in {d}");
        }
        return null;

        static bool HasLibTorch(string d) => File.Exists(Path.Combine(d, "libtorch_cpu.so"));
    }

    private static string? FindLibTorchSharp(TorchSearch s, List<string> trace)
    {
        const string name = "libLibTorchSharp.so";
        if (s.LibTorchSharpOverride is { } env)
        {
            if (File.Exists(env)) return env;
            trace.Add($"FWBM_LIBTORCHSHARP={env} does not exist");
            return null;
        }
        var candidates = s.AppDirectories.Select(d => Path.Combine(d, name)).ToList();
        if (s.TorchSharpAssembly is { } ts)
            candidates.Add(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ts)!, "..", "..", "runtimes", "linux-x64", "native", name)));
        if (s.TorchSharpVersion is { } version) candidates.Add(Path.Combine(s.NuGetRoot, "torchsharp", version, "runtimes", "linux-x64", "native", name));
        foreach (var c in candidates)
        {
            if (File.Exists(c)) return c;
            trace.Add($"no {name} at {c}");
        }
        return null;
    }

    /// <summary>The folder patched copies go to.</summary>
    public static string NativeCacheDirectory()
    {
        if (Environment.GetEnvironmentVariable("FWBM_NATIVE_CACHE") is { Length: > 0 } env) return env;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return xdg is { Length: > 0 } ? Path.Combine(xdg, "fwbm", "native")
            : home is { Length: > 0 } ? Path.Combine(home, ".cache", "fwbm", "native")
            : Path.Combine(Path.GetTempPath(), "fwbm-native");
    }

    /// <summary>The original when it needs no patch, else a patched copy in the cache (made once per distinct original).</summary>
    internal static (string Path, bool Patched) PrepareLibTorchSharp(string original, List<string> trace)
    {
        byte[] bytes = File.ReadAllBytes(original);
        var needs = ElfVersionPatcher.ReadVersionNeeds(bytes, original);
        if (!needs.Any(n => !n.Weak && WeakenedVersions.Contains(n.Version)))
        {
            trace.Add($"{original} needs no patch");
            return (original, false);
        }
        string hash = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        string dir = Path.Combine(NativeCacheDirectory(), $"libtorchsharp-{hash}");
        string target = Path.Combine(dir, Path.GetFileName(original));
        if (File.Exists(target) && IsPatchedCopy(target)) { trace.Add($"using patched copy {target}"); return (target, true); }
        try
        {
            ElfVersionPatcher.PatchCopy(original, target, WeakenedVersions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FwbmException($"Torch backend: could not write the patched copy of {original} to {target}: {e.Message}. Set FWBM_NATIVE_CACHE to a writable folder.");
        }
        trace.Add($"wrote patched copy {target}");
        return (target, true);
    }

    private static bool IsPatchedCopy(string path)
    {
        try { return ElfVersionPatcher.ReadVersionNeeds(File.ReadAllBytes(path), path).All(n => n.Weak || !WeakenedVersions.Contains(n.Version)); }
        catch (FwbmException) { return false; }
    }
}
