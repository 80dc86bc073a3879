namespace Steward.Core.Http;

/// <summary>
/// A service outside failed in a way that is not the user's configuration: it stayed unreachable,
/// kept answering 5xx or 429 through every retry, answered too much, or answered what cannot be
/// read. The message is one line naming the service; it never contains a token.
/// </summary>
public class RemoteServiceException : Exception
{
    public RemoteServiceException(string message) : base(message) { }
    public RemoteServiceException(string message, Exception inner) : base(message, inner) { }
    public RemoteServiceException() { }
}
