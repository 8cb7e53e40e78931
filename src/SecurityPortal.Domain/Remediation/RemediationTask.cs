using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Remediation;

public enum TaskSource
{
    SelfAssessmentGap,
    AppraisalFinding,
    InspectionConclusion,
    VulnerabilityWarning,
    Incident,
    OutdatedSoftware,
    Other,
}

public enum TaskSeverity
{
    Critical,
    High,
    Medium,
    Low,
}

public enum RemediationStatus
{
    New,
    InProgress,
    Resolved,
    Verified,
    Reopened,
    Cancelled,
}

/// <summary>
/// A remediation task (nhiệm vụ khắc phục) for one system, linked to the record that raised it. This is the record
/// the self-assessment creates on acceptance; the remediation feature (issue 6) adds its workflow and pages.
/// </summary>
public sealed class RemediationTask : Entity, IBelongsToSystem
{
    public const int TitleMaxLength = 300;
    public const int TextMaxLength = 4000;

    private RemediationTask()
    {
        Title = string.Empty;
        CreatedById = string.Empty;
    }

    public RemediationTask(
        Guid systemId, string title, string? description, TaskSource source, Guid? sourceId, Guid? sourceItemId, string? requirementCode,
        TaskSeverity severity, DateOnly dueDate, string createdById, DateTime createdAtUtc)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new DomainException("Tên nhiệm vụ không được để trống.");
        }

        SystemId = systemId;
        Title = title.Trim().Length > TitleMaxLength ? title.Trim()[..TitleMaxLength] : title.Trim();
        Description = description?.Trim().Length > TextMaxLength ? description.Trim()[..TextMaxLength] : description?.Trim();
        Source = source;
        SourceId = sourceId;
        SourceItemId = sourceItemId;
        RequirementCode = requirementCode;
        Severity = severity;
        DueDate = dueDate;
        Status = RemediationStatus.New;
        CreatedById = createdById;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid SystemId { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    public TaskSource Source { get; private set; }

    /// <summary>The record that raised the task (an assessment, a dossier, a warning…).</summary>
    public Guid? SourceId { get; private set; }

    /// <summary>The line of that record (an assessment item), so the same gap is never turned into two tasks.</summary>
    public Guid? SourceItemId { get; private set; }

    public string? RequirementCode { get; private set; }
    public TaskSeverity Severity { get; private set; }
    public DateOnly DueDate { get; private set; }
    public RemediationStatus Status { get; private set; }
    public string CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public bool IsOpen => Status is not (RemediationStatus.Verified or RemediationStatus.Cancelled);

    public bool IsOverdue(DateOnly today) => IsOpen && Status != RemediationStatus.Resolved && today > DueDate;
}
