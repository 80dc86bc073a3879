namespace Steward.Rego.Testing;

/// <summary>How one <c>test_</c> rule ended, as <c>opa test</c> reports it.</summary>
public enum RegoTestOutcome
{
    /// <summary>The rule is defined and no value of it is false.</summary>
    Pass,

    /// <summary>The rule is undefined, or a value of it is false.</summary>
    Fail,

    /// <summary>Evaluation raised an error (conflict, type error in a built-in, a limit...).</summary>
    Error,
}

/// <summary>One test rule's result.</summary>
/// <param name="Name">The rule's full name, <c>data.&lt;package&gt;.test_x</c>.</param>
/// <param name="Location">Where the rule is defined, <c>file:line</c>.</param>
/// <param name="Error">The evaluation error when <see cref="Outcome"/> is <see cref="RegoTestOutcome.Error"/>.</param>
public sealed record RegoTestResult(string Name, string Location, RegoTestOutcome Outcome, RegoException? Error = null);
