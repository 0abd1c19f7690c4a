using Fwbm.Core;

namespace Fwbm.Interactive.Magics;

/// <summary>Bad magic arguments: the message names the magic, the parameter and what is allowed.</summary>
public sealed class MagicArgumentException(string message) : FwbmException(message);
