namespace Steward.Core.Security;

/// <summary>What a directory entry is, seen without following a symbolic link.</summary>
public enum FileNodeKind
{
    Missing,
    RegularFile,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, socket or device: never opened (a FIFO blocks the reader, /dev/zero never ends).</summary>
    Special,
}
