using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DotNet.Interactive.Commands;

namespace Fwbm.Interactive.Magics;

/// <summary>The command a magic line becomes; parameter values arrive as JSON (strings, or JSON literals).</summary>
public sealed class FwbmMagicCommand : KernelDirectiveCommand
{
    [JsonExtensionData] public Dictionary<string, JsonElement> Values { get; set; } = new();
}
