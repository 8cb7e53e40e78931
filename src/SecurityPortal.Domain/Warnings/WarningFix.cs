using SecurityPortal.Domain.Remediation;

namespace SecurityPortal.Domain.Warnings;

/// <summary>
/// What the agency reports, on resolving a warning's task, for one of the system's components of the warning's product:
/// its version now, or that it was removed (gỡ bỏ).
/// </summary>
public sealed record ComponentFix(Guid ComponentId, string? Version, bool Removed);

/// <summary>Where one system stands with a warning, from its task and from what the registry records now.</summary>
public enum WarningSystemState
{
    /// <summary>A component's version matches the rule and no fix has been reported.</summary>
    Affected,

    /// <summary>A component of the product has no readable version and no fix has been reported.</summary>
    VersionUnknown,

    /// <summary>The agency resolved the task; a reviewer has not verified it yet.</summary>
    AwaitingVerification,

    /// <summary>Verified, and no component matches the rule any more.</summary>
    Fixed,

    /// <summary>Verified by a reviewer who accepted a mitigation: a component still matches the rule.</summary>
    MitigationAccepted,

    /// <summary>The registry no longer matches, but the task was not resolved and verified (still open, or cancelled).</summary>
    NoLongerMatches,
}

public static class WarningSystemStates
{
    /// <summary>The state of one system: the task's step first (resolved, verified), then what the registry records now.</summary>
    public static WarningSystemState StateOf(RuleMatch registry, RemediationStatus? task) => (task, registry) switch
    {
        (RemediationStatus.Resolved, _) => WarningSystemState.AwaitingVerification,
        (RemediationStatus.Verified, RuleMatch.No) => WarningSystemState.Fixed,
        (RemediationStatus.Verified, _) => WarningSystemState.MitigationAccepted,
        (_, RuleMatch.Yes) => WarningSystemState.Affected,
        (_, RuleMatch.VersionUnknown) => WarningSystemState.VersionUnknown,
        _ => WarningSystemState.NoLongerMatches,
    };

    public static string Vietnamese(this WarningSystemState state) => state switch
    {
        WarningSystemState.Affected => "Bị ảnh hưởng",
        WarningSystemState.VersionUnknown => "Chưa rõ phiên bản — cần kiểm tra",
        WarningSystemState.AwaitingVerification => "Đã xử lý, chờ xác minh",
        WarningSystemState.Fixed => "Đã khắc phục",
        WarningSystemState.MitigationAccepted => "Đã giảm thiểu, vẫn còn phiên bản bị ảnh hưởng",
        _ => "Không còn khớp quy tắc, chưa xác minh",
    };
}
