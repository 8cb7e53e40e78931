using System.ComponentModel.DataAnnotations;
using SecurityPortal.Domain.Support;

namespace SecurityPortal.Web.Options;

/// <summary>The <c>Support</c> configuration section: the response-time target of a support request per urgency, in hours.</summary>
public sealed class SupportOptions : IValidatableObject
{
    public const string SectionName = "Support";

    public Dictionary<SupportUrgency, int> ResponseHours { get; set; } = new()
    {
        [SupportUrgency.Critical] = 4, [SupportUrgency.High] = 24, [SupportUrgency.Normal] = 72, [SupportUrgency.Low] = 168,
    };

    /// <summary>The target of an urgency; an urgency the settings leave out gets the default of «Bình thường» (72 hours).</summary>
    public TimeSpan TargetFor(SupportUrgency urgency) => TimeSpan.FromHours(ResponseHours.GetValueOrDefault(urgency, 72));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ResponseHours.Where(h => h.Value is < 1 or > 2_160)
            .Select(h => new ValidationResult($"Support:ResponseHours:{h.Key} phải từ 1 đến 2.160 giờ (đang là {h.Value}).", [nameof(ResponseHours)]));
}
