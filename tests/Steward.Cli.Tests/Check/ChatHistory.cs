using LibGit2Sharp;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Check;

/// <summary>
/// The Git fixtures of the --base tests: one Deployment "chat" (team genai) whose replicas and CPU
/// change between commits; its cost is replicas × (cpu × 0.031611 + 1 GiB × 0.004237) × 730 USD.
/// </summary>
internal static class ChatHistory
{
    public static readonly Signature Author = new("Test", "test@example.com", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static string Deployment(int replicas, string cpu) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: chat
          labels: {team: genai, cost-center: cc}
        spec:
          replicas: {{replicas}}
          template:
            spec:
              containers:
                - name: c
                  image: a@sha256:0000000000000000000000000000000000000000000000000000000000000000
                  resources:
                    requests: {cpu: "{{cpu}}", memory: 1Gi}
                    limits: {cpu: "{{cpu}}", memory: 1Gi}
        """;

    /// <summary>A Git repository whose gov/ folder went from one replica of one core to four of two.</summary>
    public static TempFolder TwoCommits()
    {
        var folder = new TempFolder();
        LibGit2Sharp.Repository.Init(folder.Path);
        using var git = new LibGit2Sharp.Repository(folder.Path);
        folder.Write("gov/manifests/chat.yaml", Deployment(1, "1"));
        LibGit2Sharp.Commands.Stage(git, "*");
        git.Commit("one replica", Author, Author);
        folder.Write("gov/manifests/chat.yaml", Deployment(4, "2"));
        LibGit2Sharp.Commands.Stage(git, "*");
        git.Commit("four replicas of two cores", Author, Author);
        return folder;
    }
}
