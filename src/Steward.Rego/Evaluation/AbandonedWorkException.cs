namespace Steward.Rego.Evaluation;

/// <summary>
/// Thrown into a worker of a parallel computation whose remaining work is not needed: an
/// earlier item already failed, and the first error in sequential order is the one reported.
/// </summary>
internal sealed class AbandonedWorkException : Exception
{
    public AbandonedWorkException()
        : base("parallel work abandoned")
    {
    }
}
