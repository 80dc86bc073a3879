using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Http;

namespace Steward.Core.GitOps.Forges;

/// <summary>
/// GitHub's REST API (api.github.com or GitHub Enterprise Server's /api/v3): opens a pull request with
/// POST /repos/{owner}/{repo}/pulls; when one is already open for the branch (422 "A pull request
/// already exists for owner:branch"), finds it with GET /repos/{owner}/{repo}/pulls?head=owner:branch&amp;state=open;
/// adds labels with POST /repos/{owner}/{repo}/issues/{number}/labels (a pull request is an issue).
/// </summary>
public sealed class GitHubForge : IForge, IDisposable
{
    /// <summary>The token permissions the 403 message names (docs/integrations.md, "GitHub").</summary>
    internal const string Permissions = "a fine-grained token with the repository permissions Pull requests: read and write and Contents: read and write (a classic token: the repo scope)";

    private readonly ForgeOptions _options;
    private readonly OutboundClient _client;
    private readonly string _owner;
    private readonly string _repositoryPath;

    public GitHubForge(ForgeOptions options)
    {
        options.Validate();
        _options = options;
        var parts = options.Repository.Split('/');
        _owner = parts[0];
        _repositoryPath = $"repos/{Uri.EscapeDataString(parts[0])}/{Uri.EscapeDataString(parts[1])}";
        _client = new OutboundClient($"github {options.Repository} at {options.ApiUrl.AbsoluteUri.TrimEnd('/')}", options.Limits, options.Clock);
    }

    public string Kind => ForgeOptions.GitHub;

    public async Task<ChangeRequest> OpenAsync(ChangeRequestDraft draft, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["title"] = draft.Title,
            ["head"] = draft.SourceBranch,
            ["base"] = draft.TargetBranch,
            ["body"] = draft.Body,
        };
        var reply = await SendAsync(HttpMethod.Post, $"{_repositoryPath}/pulls", body, cancellationToken).ConfigureAwait(false);
        ChangeRequest opened;
        if (reply.Status == 201) opened = Read(reply, alreadyOpen: false);
        else if (reply.Status == 422 && ForgeReplies.Says(reply, "already exists")) opened = await FindOpenAsync(draft, cancellationToken).ConfigureAwait(false);
        else throw ForgeReplies.Failure(_options, reply, "open a pull request", Permissions);

        if (draft.Labels.Count > 0)
        {
            // Adding labels that are already on the request is a no-op on GitHub, so a repeated run is harmless.
            var labels = new JsonObject { ["labels"] = new JsonArray(draft.Labels.Order(StringComparer.Ordinal).Select(l => (JsonNode)JsonValue.Create(l)).ToArray()) };
            var labelled = await SendAsync(HttpMethod.Post, $"{_repositoryPath}/issues/{opened.Number.ToString(CultureInfo.InvariantCulture)}/labels", labels, cancellationToken).ConfigureAwait(false);
            if (!labelled.IsSuccess) throw ForgeReplies.Failure(_options, labelled, $"add labels to pull request #{opened.Number}", Permissions);
        }
        return opened;
    }

    private async Task<ChangeRequest> FindOpenAsync(ChangeRequestDraft draft, CancellationToken cancellationToken)
    {
        var query = $"{_repositoryPath}/pulls?head={Uri.EscapeDataString(_owner + ":" + draft.SourceBranch)}&state=open";
        var reply = await SendAsync(HttpMethod.Get, query, null, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess) throw ForgeReplies.Failure(_options, reply, "list open pull requests", Permissions);
        using var json = reply.Json($"github {_options.Repository}");
        if (json.RootElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var pull in json.RootElement.EnumerateArray())
            {
                if (pull.ValueKind == JsonValueKind.Object && pull.TryGetProperty("head", out var head) && head.ValueKind == JsonValueKind.Object
                    && head.TryGetProperty("ref", out var reference) && reference.ValueKind == JsonValueKind.String && reference.GetString() != draft.SourceBranch)
                    continue;
                return Read(pull, alreadyOpen: true);
            }
        }
        // GitHub said one exists but lists none open for the branch (closed meanwhile, or a fork's branch of that name).
        throw new RemoteServiceException($"github {_options.Repository}: a pull request for {draft.SourceBranch} already exists, but none is open for {_owner}:{draft.SourceBranch}");
    }

    private ChangeRequest Read(HttpReply reply, bool alreadyOpen)
    {
        using var json = reply.Json($"github {_options.Repository}");
        return Read(json.RootElement, alreadyOpen);
    }

    private ChangeRequest Read(JsonElement pull, bool alreadyOpen)
    {
        if (pull.ValueKind == JsonValueKind.Object
            && pull.TryGetProperty("number", out var number) && number.TryGetInt64(out var n)
            && pull.TryGetProperty("html_url", out var url) && url.ValueKind == JsonValueKind.String)
            return new ChangeRequest(n, url.GetString()!, alreadyOpen);
        throw new RemoteServiceException($"github {_options.Repository}: a pull request without number or html_url in the answer");
    }

    private Task<HttpReply> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.BaseUrl, path);
        var content = body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());
        return _client.SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
            request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
            if (content is not null)
                request.Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };
            return request;
        }, cancellationToken);
    }

    public void Dispose() => _client.Dispose();
}
