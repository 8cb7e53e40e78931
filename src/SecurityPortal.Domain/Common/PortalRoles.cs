namespace SecurityPortal.Domain.Common;

/// <summary>The five roles of the portal. Names are stored in the database; display names are Vietnamese.</summary>
public static class PortalRoles
{
    public const string Administrator = nameof(Administrator);
    public const string ProvincialReviewer = nameof(ProvincialReviewer);
    public const string AgencyOfficer = nameof(AgencyOfficer);
    public const string Leadership = nameof(Leadership);
    public const string Auditor = nameof(Auditor);

    public static IReadOnlyList<string> All { get; } =
        [Administrator, ProvincialReviewer, AgencyOfficer, Leadership, Auditor];

    public static string DisplayName(string role) => role switch
    {
        Administrator => "Quản trị hệ thống",
        ProvincialReviewer => "Cán bộ thẩm định (đơn vị chuyên trách)",
        AgencyOfficer => "Cán bộ CNTT/ATTT của đơn vị",
        Leadership => "Lãnh đạo",
        Auditor => "Thanh tra, kiểm tra",
        _ => role,
    };
}
