using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Application;
using Steward.Core.Application.Check;
using Steward.Core.Policy;
using Steward.Core.Reporting;
using Steward.Server.Revisions;
using Steward.Server.Security;

namespace Steward.Server.Endpoints;

/// <summary>
/// <c>GET /api/v1/findings</c> (scope read): the check JSON of the revision being served, exactly as
/// <c>steward check --format json</c> writes it for that repository, with the open monitor breaches and
/// cost-per-token findings of the server's store (a PostgreSQL store, or a store file that exists), as
/// <c>steward check --store</c> adds them, exceptions judged at the server's clock.
/// </summary>
public static class FindingsEndpoints
{
    public const string Path = "/api/v1/findings";

    public static IEndpointRouteBuilder MapFindings(this IEndpointRouteBuilder app)
    {
        // The composition root registered by the host, or one of our own: the services hold no state.
        var application = app.ServiceProvider.GetRequiredService<StewardApplication>();
        var findings = new RevisionFindings(application.Check);
        app.MapGet(Path, (RevisionHolder revisions, ServeOptions options) =>
        {
            if (revisions.Current is not { } revision)
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "not ready", detail: "no revision of the repository is loaded yet");
            string json;
            try
            {
                json = findings.Json(revision, options.Store, options.Clock);
            }
            catch (Core.StewardInputException e)
            {
                // The repository's fault (a policy that does not compile), not the caller's: the answer names it.
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "revision cannot be checked", detail: $"revision {revision.Id}: {e.Message}");
            }
            catch (StoreUnavailableException e)
            {
                // The store is also written by other processes (monitor run, ingestion): unreadable now is not a bug.
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "store unavailable", detail: e.Message);
            }
            return Results.Text(json, "application/json; charset=utf-8");
        }).RequireScope(ApiScopes.Read);
        return app;
    }

    /// <summary>
    /// The check of each revision, run once (by the sync that loaded it): the built-in rules and policies depend only on the revision,
    /// which changes only when the server syncs. The monitor breaches are read from the store at every
    /// request, since <c>steward monitor run</c> writes new windows between syncs.
    /// </summary>
    private sealed class RevisionFindings(CheckService checks)
    {
        private readonly Lock _storeLock = new();
        private volatile Checked? _latest;

        public string Json(ServedRevision revision, string store, TimeProvider clock)
        {
            var latest = _latest;
            if (latest is null || !ReferenceEquals(latest.Revision, revision))
            {
                // The sync checked the revision before serving it; a revision published otherwise is checked here.
                // Two requests racing on such a revision both check it once; the second result is the same.
                latest = new Checked(revision, revision.Check ?? checks.Check(revision.Repository), CheckService.ReportOptionsFor(revision.Repository));
                _latest = latest;
            }
            var result = latest.Result;
            if (Core.Storage.StoreAddress.IsPostgres(store) || File.Exists(store))
            {
                // One reader at a time: opening the store brings its schema up to date.
                lock (_storeLock)
                {
                    try
                    {
                        result = CheckService.WithStoreFindings(result, revision.Repository, store, clock.GetUtcNow());
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        throw new StoreUnavailableException($"{store}: {e.Message}", e);
                    }
                }
            }
            using var writer = new StringWriter { NewLine = "\n" };
            new JsonCheckReporter().Write(result, writer, latest.ReportOptions);
            return writer.ToString();
        }

        private sealed record Checked(ServedRevision Revision, CheckResult Result, ReportOptions ReportOptions);
    }

    private sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
}
