using Fwbm.Core.Options;

namespace Fwbm.Interactive.Magics;

/// <summary>A magic's parameters from its command's options in <see cref="OptionCatalog"/> (those offered to the magic).</summary>
internal static class MagicOptions
{
    /// <param name="decorate">Adds what only a notebook has: variable types and suggestions for completions.</param>
    public static MagicParameter[] For(CommandOptions command, Func<MagicParameter, MagicParameter>? decorate = null) =>
        command.For(FrontEnd.Magic).Select(MagicParameter.From).Select(p => decorate?.Invoke(p) ?? p).ToArray();
}
