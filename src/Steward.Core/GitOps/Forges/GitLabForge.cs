using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Http;

namespace Steward.Core.GitOps.Forges;

/// <summary>
/// GitLab's REST API v4 (gitlab.com or a self-managed instance's /api/v4): opens a merge request with
/// POST /projects/{id}/merge_requests, where {id} is the numeric id or the URL-encoded path
/// (group%2Fproject); when one is already open for the source branch (409 "Another open merge
/// request already exists for this source branch: !N"), finds it with
/// GET /projects/{id}/merge_requests?source_branch=…&amp;state=opened. Labels go with the request.
/// </summary>
public sealed class GitLabForge : IForge, IDisposable
{
    internal const string Permissions = "a project, group or personal access token with the api scope and at least the Developer role";

    private readonly ForgeOptions _options;
    private readonly OutboundClient _client;
    private readonly string _projectPath;

    public GitLabForge(ForgeOptions options)
    {
        options.Validate();
        _options = options;
        var project = options.Repository;
        // A path's slashes are encoded (%2F): GitLab reads the whole id as one path segment.
        _projectPath = "projects/" + Uri.EscapeDataString(project);
        _client = new OutboundClient($"gitlab {project} at {options.ApiUrl.AbsoluteUri.TrimEnd('/')}", options.Limits, options.Clock);
    }

    public string Kind => ForgeOptions.GitLab;

    public async Task<ChangeRequest> OpenAsync(ChangeRequestDraft draft, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["source_branch"] = draft.SourceBranch,
            ["target_branch"] = draft.TargetBranch,
            ["title"] = draft.Title,
            ["description"] = draft.Body,
        };
        if (draft.Labels.Count > 0) body["labels"] = string.Join(',', draft.Labels.Order(StringComparer.Ordinal));
        var reply = await SendAsync(HttpMethod.Post, $"{_projectPath}/merge_requests", body, cancellationToken).ConfigureAwait(false);
        if (reply.Status == 201) return Read(reply);
        if (reply.Status == 409 && ForgeReplies.Says(reply, "already exists")) return await FindOpenAsync(draft, cancellationToken).ConfigureAwait(false);
        throw ForgeReplies.Failure(_options, reply, "open a merge request", Permissions);
    }

    private async Task<ChangeRequest> FindOpenAsync(ChangeRequestDraft draft, CancellationToken cancellationToken)
    {
        var query = $"{_projectPath}/merge_requests?source_branch={Uri.EscapeDataString(draft.SourceBranch)}&state=opened";
        var reply = await SendAsync(HttpMethod.Get, query, null, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess) throw ForgeReplies.Failure(_options, reply, "list open merge requests", Permissions);
        using var json = reply.Json($"gitlab {_options.Repository}");
        if (json.RootElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var request in json.RootElement.EnumerateArray())
            {
                if (request.ValueKind == JsonValueKind.Object && request.TryGetProperty("source_branch", out var source)
                    && source.ValueKind == JsonValueKind.String && source.GetString() != draft.SourceBranch)
                    continue;
                return Read(request, alreadyOpen: true);
            }
        }
        throw new RemoteServiceException($"gitlab {_options.Repository}: a merge request from {draft.SourceBranch} already exists, but none is listed open");
    }

    private ChangeRequest Read(HttpReply reply)
    {
        using var json = reply.Json($"gitlab {_options.Repository}");
        return Read(json.RootElement, alreadyOpen: false);
    }

    /// <summary>The iid (the !N people see and every API path uses), not the instance-wide id.</summary>
    private ChangeRequest Read(JsonElement request, bool alreadyOpen)
    {
        if (request.ValueKind == JsonValueKind.Object
            && request.TryGetProperty("iid", out var iid) && iid.TryGetInt64(out var n)
            && request.TryGetProperty("web_url", out var url) && url.ValueKind == JsonValueKind.String)
            return new ChangeRequest(n, url.GetString()!, alreadyOpen);
        throw new RemoteServiceException($"gitlab {_options.Repository}: a merge request without iid or web_url in the answer");
    }

    private Task<HttpReply> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.BaseUrl, path);
        var content = body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());
        return _client.SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, uri);
            request.Headers.Add("PRIVATE-TOKEN", _options.Token);
            request.Headers.Accept.ParseAdd("application/json");
            if (content is not null)
                request.Content = new ByteArrayContent(content) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };
            return request;
        }, cancellationToken);
    }

    public void Dispose() => _client.Dispose();
}
