using System.ComponentModel.DataAnnotations;
using SecurityPortal.Domain.Remediation;

namespace SecurityPortal.Web.Options;

/// <summary>The <c>Remediation</c> configuration section: default due days per severity (like FedRAMP's windows).</summary>
public sealed class RemediationOptions : IValidatableObject
{
    public const string SectionName = "Remediation";

    public Dictionary<TaskSeverity, int> DueDays { get; set; } = new()
    {
        [TaskSeverity.Critical] = 7, [TaskSeverity.High] = 30, [TaskSeverity.Medium] = 90, [TaskSeverity.Low] = 180,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        DueDays.Where(d => d.Value is < 1 or > 3_650)
            .Select(d => new ValidationResult($"Remediation:DueDays:{d.Key} phải từ 1 đến 3.650 ngày (đang là {d.Value}).", [nameof(DueDays)]));
}
