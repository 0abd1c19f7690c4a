using Fwbm.Core;
using Fwbm.Core.Simulation;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>Where and in which precision tensors live: the only device-specific choice in the backend.</summary>
public sealed record TorchPlacement(Device Device, ScalarType DType)
{
    /// <summary>float64 on the CPU.</summary>
    public static TorchPlacement CpuFloat64 => new(torch.CPU, ScalarType.Float64);

    /// <summary>The dtype of a simulation precision: <see cref="Precision.Double"/> → float64, <see cref="Precision.Single"/> → float32.</summary>
    public static ScalarType DTypeOf(Precision precision) => precision == Precision.Single ? ScalarType.Float32 : ScalarType.Float64;

    /// <summary>A placement on <paramref name="device"/> (CPU when null) in the dtype of <paramref name="precision"/>.</summary>
    public static TorchPlacement For(Precision precision, Device? device = null) => new(device ?? torch.CPU, DTypeOf(precision));

    /// <summary>
    /// Parse a device ("cpu", "cuda", "cuda:1", "auto" = CUDA when available) and a dtype ("float32"/"float64", also "f32"/"f64",
    /// "single"/"double"). A CUDA device that this machine cannot provide is an error saying how to add the CUDA backend.
    /// </summary>
    public static TorchPlacement Parse(string device = "auto", string dtype = "float64")
    {
        TorchRuntime.EnsureLoaded();
        return new(ParseDevice(device), ParseDType(dtype));
    }

    public static ScalarType ParseDType(string dtype) => (dtype ?? "").Trim().ToLowerInvariant() switch
    {
        "float64" or "f64" or "double" or "fp64" => ScalarType.Float64,
        "float32" or "f32" or "float" or "single" or "fp32" => ScalarType.Float32,
        _ => throw new FwbmException($"dtype '{dtype}': expected float32 or float64."),
    };

    public static Device ParseDevice(string device)
    {
        var info = TorchRuntime.EnsureLoaded();
        var d = (device ?? "").Trim().ToLowerInvariant();
        if (d is "" or "auto") return info.CudaAvailable ? torch.CUDA : torch.CPU;
        if (d == "cpu") return torch.CPU;
        if (d == "cuda" || d.StartsWith("cuda:", StringComparison.Ordinal))
        {
            int index = 0;
            if (d.Length > 5 && !int.TryParse(d[5..], out index))
                throw new FwbmException($"device '{device}': expected cpu, cuda, cuda:N or auto.");
            if (!info.CudaAvailable)
                throw new FwbmException($"device '{device}': no CUDA device is available to this process. The libtorch runtime in use is CPU-only " +
                    $"({info.LibTorchDirectory ?? "found by TorchSharp"}). For an NVIDIA GPU, build with the CUDA runtime instead of libtorch-cpu-linux-x64: " +
                    "`dotnet build -p:FwbmTorchNative=cuda` after adding a PackageReference to TorchSharp-cuda-linux (Linux) or TorchSharp-cuda-windows (Windows), " +
                    "and make sure the NVIDIA driver is installed (nvidia-smi). Use --device cpu or auto to run on the CPU.");
            int count = torch.cuda.device_count();
            if (index >= count) throw new FwbmException($"device '{device}': this machine has {count} CUDA device(s) (cuda:0 … cuda:{count - 1}).");
            return new Device(DeviceType.CUDA, index);
        }
        throw new FwbmException($"device '{device}': expected cpu, cuda, cuda:N or auto.");
    }

    public override string ToString() => $"{Device} {(DType == ScalarType.Float64 ? "float64" : DType == ScalarType.Float32 ? "float32" : DType.ToString())}";
}
