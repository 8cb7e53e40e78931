namespace SecurityPortal.Web.Imports;

/// <summary>What an import would do (preview) or did (confirmed): counts, and every problem found.</summary>
public sealed class ImportOutcome
{
    public List<ImportIssue> Issues { get; } = [];
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public List<string> Details { get; } = [];

    public bool CanApply => Issues.Count == 0 && Created + Updated > 0;
}
