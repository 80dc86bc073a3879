using Steward.Core.Alignment.Ingest;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Tokens;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Tokens;

/// <summary>
/// Issue 19 part 3: token accounting from the inference log and from FOCUS charges priced in tokens, on both store
/// engines. Every expected figure was computed once by examples/llm-economics/expected.py (Python csv + decimal over
/// the fixture's own files, no Steward code); the comments give each formula.
/// </summary>
public sealed class TokenEconomicsTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<StoreEngine> Engines => TestStores.Engines;

    private TokenCostReport Run(StoreEngine engine, bool withLog = true, bool withFocus = true)
    {
        var (repo, usage, log, focus) = TokenFixture.Write(temp);
        using var test = TestStore.Create(engine);
        using var store = test.Open(FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        if (withLog) new InferenceImporter(store).Inferences(log, "chat", "2.0", requestIdColumn: "request_id");
        if (withFocus) new FocusImporter(store).Import(focus);
        return TokenCostService.Run(store, RepositoryLoader.LoadFolder(repo));
    }

    private static TokenCostRow Row(TokenCostReport report, string source, string model, string team) =>
        report.Rows.Single(r => r.Source == source && r.Model == model && r.Team == team);

    [Theory, MemberData(nameof(Engines))]
    public void Self_hosted_tokens_come_from_the_log_of_the_usage_period_and_cost_from_allocation(StoreEngine engine)
    {
        var report = Run(engine);
        var chat = Row(report, TokenSources.SelfHosted, "chat", "ml");

        // 24 of the 26 rows fall in the usage period 00:00-02:00; r05, r11, r17, r23 log input_tokens/output_tokens.
        chat.Requests.Should().Be(24);
        chat.InputTokens.Should().Be(27512);     // Σ prompt_tokens (or input_tokens)
        chat.OutputTokens.Should().Be(8305);     // Σ completion_tokens (or output_tokens)
        chat.CachedTokens.Should().Be(2385);     // Σ cached_tokens
        // 2 h × (4 cores × 0.04 + 16 GiB × 0.005 + 1 GPU × 2.5); the node is exactly the pod's size, so no idle cost.
        chat.Cost.Should().Be(5.48m);
        chat.CostPerMillionTokens!.Value.Should().BeApproximately(152.9999720802970656392215987m, 1e-18m);   // 5.48 / 35,817 × 1e6
        chat.CostPerMillionInput.Should().BeNull("one GPU serves prompt and completion: no split of its cost");
        chat.GpuHours.Should().Be(2);
        chat.GpuHoursPer1000Requests!.Value.Should().BeApproximately(83.333333333333, 1e-9);                    // 2 / 24 × 1000
        chat.Family.Should().Be("mistral-7b");
        chat.Modalities.Select(m => (m.Modality, m.Requests, m.PromptTokens, m.CompletionTokens, m.CachedTokens)).Should().Equal(
            ("image", 6L, 10039L, 2013L, 700L), ("text", 18L, 17473L, 6292L, 1685L));
        report.From.Should().Be(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        report.To.Should().Be(new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc));
    }

    [Theory, MemberData(nameof(Engines))]
    public void Api_tokens_come_from_focus_units_and_directions_from_the_sku(StoreEngine engine)
    {
        var report = Run(engine);

        var support = Row(report, TokenSources.Api, "mistral-api", "support");
        // input 1,200.5 × "1K Tokens" (ConsumedQuantity 1,200,500 Tokens) + cached 100,000; output 300,250.
        support.InputTokens.Should().Be(1300500);
        support.CachedTokens.Should().Be(100000);
        support.OutputTokens.Should().Be(300250);
        support.OtherTokens.Should().Be(0);
        support.Cost.Should().Be(1.04854m);                 // 0.86436 + 0.21618 + 0.018 − 0.05 (a credit: cost, no tokens)
        support.InputCost.Should().Be(0.88236m);            // 0.86436 + 0.018
        support.OutputCost.Should().Be(0.21618m);
        support.CostPerMillionInput!.Value.Should().BeApproximately(0.6784775086505190311418685121m, 1e-18m);
        support.CostPerMillionOutput.Should().Be(0.72m);
        support.CostPerMillionTokens!.Value.Should().BeApproximately(0.6550304544744650944869592379m, 1e-18m);
        support.Requests.Should().BeNull();

        var search = Row(report, TokenSources.Api, "mistral-api", "search");
        // "1M Tokens" × 0.5 = 500,000 input; "1000 Tokens" × PricingQuantity 10 (no ConsumedQuantity), no direction: 10,000 other.
        search.InputTokens.Should().Be(500000);
        search.OtherTokens.Should().Be(10000);
        search.Cost.Should().Be(0.21m);
        search.CostPerMillionTokens!.Value.Should().BeApproximately(0.4117647058823529411764705882m, 1e-18m);   // 0.21 / 510,000 × 1e6

        // Untagged tokens stay visible; the EC2 hours are not tokens at all.
        var untagged = Row(report, TokenSources.Api, "__unallocated__", "search");
        untagged.OutputTokens.Should().Be(800000);
        untagged.CostPerMillionOutput.Should().Be(0.625m);
        report.Rows.Should().HaveCount(4);
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_self_hosted_version_above_its_declared_price_is_a_finding_with_the_api_price_of_its_family(StoreEngine engine)
    {
        var report = Run(engine);
        var chat = Row(report, TokenSources.SelfHosted, "chat", "ml");

        // Family mistral-7b at the API: input (0.88236 + 0.2) / (1,300,500 + 500,000) × 1e6, output 0.21618 / 300,250 × 1e6.
        // The same tokens at those prices: 27,512 × 1.08236 / 1,800,500 + 8,305 × 0.21618 / 300,250.
        chat.ApiEquivalentCost!.Value.Should().BeApproximately(0.02251827721188558733685087476m, 1e-18m);
        var finding = chat.Finding!;
        finding.RuleId.Should().Be("cost-per-token");
        finding.Subject.Model.Should().Be("chat");
        finding.Subject.ModelVersion.Should().Be("2.0");
        ((decimal)finding.Evidence["declared_cost"]!).Should().Be(0.035817m);                // 35,817 tokens × 1.0 / 1e6
        ((decimal)finding.Evidence["cost"]!).Should().Be(5.48m);
        ((decimal)finding.Evidence["api_input_per_million"]!).Should().BeApproximately(0.6011441266314912524298805887m, 1e-18m);
        ((decimal)finding.Evidence["api_output_per_million"]!).Should().Be(0.72m);
        ((decimal)finding.Evidence["api_saving"]!).Should().BeApproximately(5.457481722788114412663149125m, 1e-18m);
        finding.Message.Should().Contain("above the declared 1.00 per 1M").And.Contain("family mistral-7b");
    }

    [Theory, MemberData(nameof(Engines))]
    public void Api_charges_are_checked_against_split_input_and_output_prices(StoreEngine engine)
    {
        var report = Run(engine);

        // support: 1,300,500 × 0.5 / 1e6 + 300,250 × 0.5 / 1e6 = 0.800375 declared; 0.88236 + 0.21618 = 1.09854 charged.
        var support = Row(report, TokenSources.Api, "mistral-api", "support").Finding!;
        ((decimal)support.Evidence["declared_cost"]!).Should().Be(0.800375m);
        ((decimal)support.Evidence["cost"]!).Should().Be(1.09854m);
        ((decimal)support.Evidence["cost_per_million_tokens"]!).Should().BeApproximately(0.6862658129002030298297672966m, 1e-18m);
        // search: 500,000 × 0.5 / 1e6 = 0.25 declared, 0.2 charged for input (its 10,000 undirected tokens have no split price).
        Row(report, TokenSources.Api, "mistral-api", "search").Finding.Should().BeNull();
        report.Findings.Select(f => f.Subject.Model).Should().Equal("chat", "mistral-api");
    }

    [Theory, MemberData(nameof(Engines))]
    public void Without_an_inference_log_only_api_rows_are_reported(StoreEngine engine)
    {
        var report = Run(engine, withLog: false);

        report.InferenceLog.Should().BeFalse();
        report.Rows.Should().OnlyContain(r => r.Source == TokenSources.Api);
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_token_count_that_is_not_a_whole_number_names_the_file_row_and_column(StoreEngine engine)
    {
        var (repo, usage, _, _) = TokenFixture.Write(temp);
        var log = temp.Write("bad.csv", "timestamp,prompt_tokens,completion_tokens\n2026-11-01T00:00:00Z,12,3\n2026-11-01T00:10:00Z,1.5e3x,4\n");
        using var test = TestStore.Create(engine);
        using var store = test.Open(FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        new InferenceImporter(store).Inferences(log, "chat", "2.0");

        var act = () => TokenCostService.Run(store, RepositoryLoader.LoadFolder(repo));

        act.Should().Throw<StewardInputException>().WithMessage("*bad.csv: row 2, column prompt_tokens (or input_tokens): '1.5e3x' is not a whole number of tokens*");
    }

    [Fact]
    public void A_bad_cached_token_count_is_named_too()
    {
        var (repo, usage, _, _) = TokenFixture.Write(temp);
        var log = temp.Write("cached.csv", "timestamp,prompt_tokens,completion_tokens,cached_tokens\n2026-11-01T00:00:00Z,12,3,-1\n");
        using var test = TestStore.Create(StoreEngine.DuckDb);
        using var store = test.Open(FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        new InferenceImporter(store).Inferences(log, "chat", "2.0");

        var act = () => TokenCostService.Run(store, RepositoryLoader.LoadFolder(repo));

        act.Should().Throw<StewardInputException>().WithMessage("*cached.csv: row 1, column cached_tokens: '-1' is not a whole number of tokens*");
    }

    [Fact]
    public void Without_cost_allocation_labels_api_charges_read_the_team_tag()
    {
        var (repo, usage, log, focus) = TokenFixture.Write(temp);
        temp.Write("repo/steward.yaml", File.ReadAllText(temp["repo/steward.yaml"]).Replace("costAllocation: [team]", "costAllocation: []", StringComparison.Ordinal));
        using var test = TestStore.Create(StoreEngine.DuckDb);
        using var store = test.Open(FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        new InferenceImporter(store).Inferences(log, "chat", "2.0");
        new FocusImporter(store).Import(focus);

        var report = TokenCostService.Run(store, RepositoryLoader.LoadFolder(repo));

        report.Rows.Select(r => $"{r.Model} {r.Source} {r.Team}").Should().Equal(
            "__unallocated__ api search", "chat self-hosted __unallocated__", "mistral-api api search", "mistral-api api support");
        Row(report, TokenSources.SelfHosted, "chat", "__unallocated__").Cost.Should().Be(5.48m);
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_shared_model_is_shown_back_to_the_teams_the_log_names_by_their_tokens(StoreEngine engine)
    {
        // Row i of the log names team "search" when i % 3 == 0, none when i % 3 == 1 (the owners, ml), "support" when i % 3 == 2.
        var lines = TokenFixture.ChatLog.TrimEnd('\n').Split('\n');
        var log = lines[0] + ",team\n" + string.Concat(lines.Skip(1).Select((line, i) => line + "," + (i % 3) switch { 0 => "search", 1 => "", _ => "support" } + "\n"));
        var (repo, usage, _, _) = TokenFixture.Write(temp);
        using var test = TestStore.Create(engine);
        using var store = test.Open(FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        new InferenceImporter(store).Inferences(temp.Write("teams.csv", log), "chat", "2.0");

        var rows = TokenCostService.Run(store, RepositoryLoader.LoadFolder(repo)).Rows;

        // Python over the 24 rows of the period: tokens (prompt + completion) per team, cost 5.48 and 2 GPU-hours split by them:
        // ml 12,437 → 1.902860652762654605, search 10,994 → 1.682081693050785940, support 12,386 → 1.895057654186559455;
        // GPU-hours 0.69447469078929, 0.6138984281207248, 0.6916268810899852. Shares are kept to 10 decimals, the last takes the rest.
        rows.Select(r => (r.Team, r.Requests, r.InputTokens, r.OutputTokens)).Should().Equal(
            ("ml", 8L, 9471m, 2966m), ("search", 8L, 8516m, 2478m), ("support", 8L, 9525m, 2861m));
        rows[0].Cost.Should().BeApproximately(1.902860652762654605m, 1e-10m);
        rows[1].Cost.Should().BeApproximately(1.682081693050785940m, 1e-10m);
        rows[2].Cost.Should().BeApproximately(1.895057654186559455m, 1e-10m);
        rows.Sum(r => r.Cost).Should().Be(5.48m, "the split adds up to the version's cost exactly");
        rows[0].GpuHours!.Value.Should().BeApproximately(0.69447469078929, 1e-12);
        rows[2].GpuHours!.Value.Should().BeApproximately(0.6916268810899852, 1e-12);
        rows.Select(r => r.CostPerMillionTokens!.Value).Should().AllSatisfy(p => p.Should().BeApproximately(152.99997208m, 1e-5m));
    }

    [Fact]
    public void Both_engines_write_the_same_json()
    {
        var duck = Steward.Core.Reporting.Costs.TokenCostJson.Write(Run(StoreEngine.DuckDb));
        var postgres = Steward.Core.Reporting.Costs.TokenCostJson.Write(Run(StoreEngine.PostgreSql));

        postgres.Should().Be(duck);
        duck.Should().MatchRegex("\"declared_cost\":\\s*0\\.800375\\s*,", "PostgreSQL's NUMERIC scale is not written");
    }
}
