namespace Steward.Core;

/// <summary>
/// Bad input from the user: a file that cannot be read, a field of the wrong type, an unknown
/// option value. The CLI prints <see cref="Exception.Message"/> alone and exits with code 2.
/// The message names the file, line, column and field where they are known.
/// </summary>
public class StewardInputException : Exception
{
    public StewardInputException(string message) : base(message) { }
    public StewardInputException(string message, Exception inner) : base(message, inner) { }
    public StewardInputException() { }
}
