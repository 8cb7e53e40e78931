namespace SecurityPortal.Domain.Assessments;

/// <summary>Percentage met (partial counts half, not applicable excluded) for one group or the whole assessment.</summary>
public sealed record ScoreLine(string GroupCode, int Items, int Answered, int Met, int Partial, int NotMet, int NotApplicable)
{
    /// <summary>Null when nothing applicable has been answered yet.</summary>
    public decimal? Percent => Met + Partial + NotMet == 0 ? null : Math.Round(100m * (Met + (Partial / 2m)) / (Met + Partial + NotMet), 1, MidpointRounding.AwayFromZero);
}

public sealed record AssessmentScore(ScoreLine Overall, IReadOnlyList<ScoreLine> Groups)
{
    /// <summary>Mẫu 08 column 10: fully deployed when every applicable item is met; not deployed when none is met or partly met.</summary>
    public PlanDeployment Deployment => Overall switch
    {
        { Met: 0, Partial: 0 } => PlanDeployment.NotDeployed,
        { Partial: 0, NotMet: 0 } when Overall.Answered == Overall.Items => PlanDeployment.FullyDeployed,
        _ => PlanDeployment.PartlyDeployed,
    };

    public static AssessmentScore Compute(IEnumerable<AssessmentItem> items)
    {
        var list = items.ToList();
        static ScoreLine Line(string group, IReadOnlyCollection<AssessmentItem> of) => new(
            group,
            of.Count,
            of.Count(i => i.Answer != Answer.Unanswered),
            of.Count(i => i.Answer == Answer.Met),
            of.Count(i => i.Answer == Answer.PartiallyMet),
            of.Count(i => i.Answer == Answer.NotMet),
            of.Count(i => i.Answer == Answer.NotApplicable));
        var groups = list.GroupBy(i => i.GroupCode)
            .OrderBy(g => g.Min(i => i.Order))
            .Select(g => Line(g.Key, g.ToList()))
            .ToList();
        return new AssessmentScore(Line(string.Empty, list), groups);
    }
}

/// <summary>The filed counts per group, stored as compact JSON on the assessment and added up across the province.</summary>
public static class GroupCounts
{
    private sealed record Row(string G, int M, int P, int N, int A);

    public static string Write(IEnumerable<ScoreLine> groups) =>
        System.Text.Json.JsonSerializer.Serialize(groups.Select(g => new Row(g.GroupCode, g.Met, g.Partial, g.NotMet, g.NotApplicable)));

    /// <summary>Reads what <see cref="Write"/> wrote; anything unreadable counts as nothing.</summary>
    public static IReadOnlyList<ScoreLine> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return [.. (System.Text.Json.JsonSerializer.Deserialize<List<Row>>(json) ?? [])
                .Select(r => new ScoreLine(r.G, r.M + r.P + r.N + r.A, r.M + r.P + r.N + r.A, r.M, r.P, r.N, r.A))];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
