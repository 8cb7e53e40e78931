namespace SecurityPortal.Domain.Classification;

/// <summary>
/// What a criterion asks of the facts, as a small expression of all-of / any-of over single facts, evaluated
/// three-valued: true, false, or null while a fact it still needs is unanswered. An all-of is false as soon as one
/// part is false; an any-of is true as soon as one part is true («hoặc»: one sufficient branch decides).
/// The parts of an all-of are written in the order the wizard asks their facts, and an undecided all-of waits for its
/// first undecided part: «24/7 and a national e-government system» asks the second only once the first is «yes».
/// </summary>
public abstract class Condition
{
    private Condition()
    {
    }

    /// <summary>True, false, or null when it cannot be decided from the facts answered so far.</summary>
    public abstract bool? Evaluate(ClassificationFacts facts);

    /// <summary>Every fact the condition reads, in the order it is written.</summary>
    public abstract IEnumerable<Fact> Facts { get; }

    /// <summary>The unanswered facts to ask next to decide it (every one of them for an any-of, the first part's for an all-of); empty once it is decided.</summary>
    public abstract IEnumerable<Fact> Undecided(ClassificationFacts facts);

    /// <summary>A test of one fact, unknown while that fact is unanswered.</summary>
    public static Condition When(Fact fact, Func<ClassificationFacts, bool> test) => new Single(fact, test);

    /// <summary>All parts; each part's facts come after the facts of the parts before it, in the order <see cref="Fact"/> lists them.</summary>
    public static Condition AllOf(params Condition[] parts)
    {
        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].Facts.Min() <= parts[..i].SelectMany(p => p.Facts).Max())
            {
                throw new ArgumentException($"The parts of an all-of must follow the order of the questions: {string.Join(", ", parts[i].Facts)} comes too late.", nameof(parts));
            }
        }

        return new Group(parts, all: true);
    }

    public static Condition AnyOf(params Condition[] parts) => new Group(parts, all: false);

    private sealed class Single(Fact fact, Func<ClassificationFacts, bool> test) : Condition
    {
        public override bool? Evaluate(ClassificationFacts facts) => facts.IsAnswered(fact) ? test(facts) : null;

        public override IEnumerable<Fact> Facts => [fact];

        public override IEnumerable<Fact> Undecided(ClassificationFacts facts) => facts.IsAnswered(fact) ? [] : [fact];
    }

    private sealed class Group(IReadOnlyList<Condition> parts, bool all) : Condition
    {
        public override bool? Evaluate(ClassificationFacts facts)
        {
            var values = parts.Select(p => p.Evaluate(facts)).ToList();
            // Kleene logic: one deciding part (false for all-of, true for any-of) decides the whole.
            if (values.Contains(!all))
            {
                return !all;
            }

            return values.All(v => v == all) ? all : null;
        }

        public override IEnumerable<Fact> Facts => parts.SelectMany(p => p.Facts).Distinct();

        public override IEnumerable<Fact> Undecided(ClassificationFacts facts)
        {
            if (Evaluate(facts) is not null)
            {
                return [];
            }

            var open = parts.Where(p => p.Evaluate(facts) is null);
            // Any branch of an any-of may decide it; an all-of is asked part by part.
            return all ? open.First().Undecided(facts) : open.SelectMany(p => p.Undecided(facts)).Distinct();
        }
    }
}
