using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Rego;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Policy.Rego;

/// <summary>
/// Evaluating objects on several cores must hand back what one walk in object order would: the
/// findings in object order, the first object the budget stopped, the first object's exception.
/// </summary>
public class OrderedEvaluationTests
{
    private static readonly Lazy<IReadOnlyList<RepositoryObject>> Objects = new(() =>
    {
        var files = Enumerable.Range(0, 400).Select(i => ($"manifests/d{i:D3}.yaml", Deployment($"d{i:D3}"))).ToArray();
        using var repo = Repository(files);
        return RepositoryLoader.LoadFolder(repo.Path).Manifests;
    });

    private static Finding FindingOf(RepositoryObject obj, int n) => new()
    {
        RuleId = "test/rule",
        Severity = Severity.Warning,
        Category = Category.Policy,
        Subject = Subjects.Of(obj),
        Message = $"{obj.Name} #{n}",
    };

    [Fact]
    public void Findings_come_in_object_order_whatever_the_workers_did()
    {
        var objects = Objects.Value;

        var run = OrderedEvaluation.Run(objects, (obj, findings) =>
        {
            // Uneven work and findings: objects with no finding, one, two.
            var index = int.Parse(obj.Name[1..], System.Globalization.CultureInfo.InvariantCulture);
            if (index % 7 == 0) Thread.SpinWait(20_000);
            for (var n = 0; n < index % 3; n++) findings.Add(FindingOf(obj, n));
            return true;
        }, CancellationToken.None, TestContext.Current.CancellationToken);

        run.StoppedAt.Should().Be(-1);
        var expected = Enumerable.Range(0, 400).SelectMany(i => Enumerable.Range(0, i % 3).Select(n => $"d{i:D3} #{n}"));
        run.Findings.Select(f => f.Message).Should().Equal(expected);
    }

    [Fact]
    public void The_walk_stops_at_the_first_object_the_budget_left_unfinished()
    {
        var objects = Objects.Value;

        // Objects 150 and 300 run out of budget; a sequential walk would stop at 150.
        var run = OrderedEvaluation.Run(objects, (obj, findings) =>
        {
            findings.Add(FindingOf(obj, 0));
            return obj.Name is not ("d150" or "d300");
        }, CancellationToken.None, TestContext.Current.CancellationToken);

        run.StoppedAt.Should().Be(150);
        run.Findings.Select(f => f.Message).Should().Equal(Enumerable.Range(0, 150).Select(i => $"d{i:D3} #0"));
    }

    [Fact]
    public void The_first_failing_object_in_order_is_the_exception_seen()
    {
        var objects = Objects.Value;

        var run = () => OrderedEvaluation.Run(objects, (obj, _) => obj.Name switch
        {
            "d390" => throw new StewardInputException("late"),
            "d200" => throw new StewardInputException("first"),
            _ => true,
        }, CancellationToken.None, TestContext.Current.CancellationToken);

        run.Should().Throw<StewardInputException>().WithMessage("first");
    }
}
