namespace Steward.Core.GitOps.Audit;

/// <summary>
/// A stored audit entry that is not an entry any more (its JSON was edited into something else):
/// <c>audit log</c> and <c>audit export</c> stop with exit 2 naming it, <c>audit verify</c> fails naming it.
/// </summary>
public sealed class AuditEntryUnreadableException : StewardInputException
{
    public AuditEntryUnreadableException(string location, long sequence, string problem, Exception? inner = null)
        : base($"{location}: audit entry {sequence} cannot be read ({problem})", inner ?? new FormatException(problem))
    {
        Sequence = sequence;
        Problem = problem;
    }

    public AuditEntryUnreadableException() { }

    public AuditEntryUnreadableException(string message) : base(message) { }

    public AuditEntryUnreadableException(string message, Exception inner) : base(message, inner) { }

    public long Sequence { get; }

    public string Problem { get; } = "";
}
