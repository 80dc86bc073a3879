namespace Steward.Core.Application.Admission;

/// <summary>A review answered: the decision, the AdmissionReview response to send, and the request's labels for the metrics.</summary>
/// <param name="Operation">CREATE, UPDATE, DELETE or CONNECT.</param>
/// <param name="Kind">The reviewed object's kind (request.kind.kind).</param>
public sealed record AdmissionAnswer(AdmissionDecision Decision, string Operation, string Kind, string? Namespace, string Name, bool DryRun, byte[] Response);
