using SecurityPortal.Domain.Remediation;

namespace SecurityPortal.Web.Options;

/// <summary>The <c>Remediation</c> configuration section: default due days per severity (like FedRAMP's windows).</summary>
public sealed class RemediationOptions
{
    public const string SectionName = "Remediation";

    public Dictionary<TaskSeverity, int> DueDays { get; set; } = new()
    {
        [TaskSeverity.Critical] = 7, [TaskSeverity.High] = 30, [TaskSeverity.Medium] = 90, [TaskSeverity.Low] = 180,
    };
}
