using Steward.Core.Findings;

namespace Steward.Core.Policy.Checks;

/// <summary>
/// repository-link-outside: no symbolic link of the repository leads outside its root. Such a link
/// is never read (a pull request must not make Steward print /etc/passwd or a Secret beside the
/// checkout); the finding names the link only, never its target's content.
/// </summary>
public sealed class RepositoryLinkCheck : ICheck
{
    public const string RuleId = "repository-link-outside";

    public RuleDescriptor Rule { get; } = new(RuleId, Severity.Error, Category.Policy,
        "No symbolic link leads outside the repository",
        "The repository comes from a pull request; a link out of it would make Steward read files the author cannot see, so it is not read.");

    public IEnumerable<Finding> Run(CheckContext context) =>
        context.Repository.LinksOutsideRoot.Select(link => new Finding
        {
            RuleId = Rule.Id,
            Severity = Rule.DefaultSeverity,
            Category = Rule.Category,
            Subject = new Subject { File = link },
            Message = $"{link}: a symbolic link that leads outside the repository; it was not read",
            Evidence = new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["link"] = link },
            SuggestedAction = "Commit the file itself, or point the link at a file inside the repository.",
        });
}
