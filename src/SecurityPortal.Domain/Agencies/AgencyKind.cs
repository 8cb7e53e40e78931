namespace SecurityPortal.Domain.Agencies;

/// <summary>Kinds of agency after the 2025 reform (two-level local government).</summary>
public enum AgencyKind
{
    ProvincialCommittee,
    Department,
    CommuneCommittee,
    PublicServiceUnit,
    School,
    HealthFacility,
    StateEnterprise,
    Other,
}

public static class AgencyKindNames
{
    public static string Vietnamese(this AgencyKind kind) => kind switch
    {
        AgencyKind.ProvincialCommittee => "UBND tỉnh",
        AgencyKind.Department => "Sở, ban, ngành",
        AgencyKind.CommuneCommittee => "UBND xã, phường",
        AgencyKind.PublicServiceUnit => "Đơn vị sự nghiệp",
        AgencyKind.School => "Trường học",
        AgencyKind.HealthFacility => "Cơ sở y tế",
        AgencyKind.StateEnterprise => "Doanh nghiệp nhà nước",
        _ => "Khác",
    };
}
