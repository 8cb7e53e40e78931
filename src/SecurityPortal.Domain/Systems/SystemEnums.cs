namespace SecurityPortal.Domain.Systems;

/// <summary>What the system is for (Decree 85 Art. 6 / Decree 331; Mẫu 08 column "loại hệ thống").</summary>
public enum SystemFunctionKind
{
    Internal,
    CitizenBusinessService,
    InformationInfrastructure,
    IndustrialControl,
    Other,
}

/// <summary>Kinds of information a system processes; several may apply.</summary>
[Flags]
public enum InformationTypes
{
    None = 0,
    Public = 1,
    Private = 2,
    Personal = 4,
    StateSecret = 8,
}

public enum InfrastructureScope
{
    SingleOrganisation,
    SectorOrProvince,
    Nationwide,
}

public enum HostingModel
{
    OnPremises,
    ProvincialDataCentre,
    LeasedDataCentre,
    Cloud,
}

public enum LifecycleStatus
{
    Planned,
    InConstruction,
    Operating,
    Suspended,
    Decommissioned,
}

/// <summary>Class of the construction work an industrial-control system serves (Decree 85 Art. 9–11).</summary>
public enum ConstructionWorkClass
{
    Special,
    ClassI,
    ClassII,
    ClassIII,
    ClassIV,
}

public enum ComponentKind
{
    OperatingSystem,
    WebServer,
    Cms,
    Framework,
    Database,
    Library,
    ApplianceFirmware,
    Other,
}

public static class SystemNames
{
    public static string Vietnamese(this SystemFunctionKind kind) => kind switch
    {
        SystemFunctionKind.Internal => "Phục vụ hoạt động nội bộ",
        SystemFunctionKind.CitizenBusinessService => "Phục vụ người dân, doanh nghiệp",
        SystemFunctionKind.InformationInfrastructure => "Cơ sở hạ tầng thông tin",
        SystemFunctionKind.IndustrialControl => "Điều khiển công nghiệp",
        _ => "Khác",
    };

    public static string Vietnamese(this InformationTypes types) =>
        types == InformationTypes.None ? "(chưa khai báo)" : string.Join(", ", types.Names());

    /// <summary>The Vietnamese name of each kind of information in <paramref name="types"/> (none for <c>None</c>), for a view to translate one by one.</summary>
    public static IEnumerable<string> Names(this InformationTypes types) =>
        Enum.GetValues<InformationTypes>().Where(t => t != InformationTypes.None && types.HasFlag(t)).Select(Name);

    private static string Name(InformationTypes type) => type switch
    {
        InformationTypes.Public => "Công cộng",
        InformationTypes.Private => "Riêng",
        InformationTypes.Personal => "Cá nhân",
        _ => "Bí mật nhà nước",
    };

    public static string Vietnamese(this InfrastructureScope scope) => scope switch
    {
        InfrastructureScope.SingleOrganisation => "Trong một cơ quan, tổ chức",
        InfrastructureScope.SectorOrProvince => "Phạm vi ngành, tỉnh",
        _ => "Phạm vi toàn quốc",
    };

    public static string Vietnamese(this HostingModel hosting) => hosting switch
    {
        HostingModel.OnPremises => "Tại cơ quan",
        HostingModel.ProvincialDataCentre => "Trung tâm dữ liệu của tỉnh",
        HostingModel.LeasedDataCentre => "Thuê trung tâm dữ liệu",
        _ => "Điện toán đám mây",
    };

    public static string Vietnamese(this LifecycleStatus status) => status switch
    {
        LifecycleStatus.Planned => "Dự kiến xây dựng",
        LifecycleStatus.InConstruction => "Đang xây dựng",
        LifecycleStatus.Operating => "Đang vận hành",
        LifecycleStatus.Suspended => "Tạm dừng",
        _ => "Đã ngừng sử dụng",
    };

    public static string Vietnamese(this ConstructionWorkClass workClass) => workClass switch
    {
        ConstructionWorkClass.Special => "Công trình cấp đặc biệt",
        ConstructionWorkClass.ClassI => "Công trình cấp I",
        ConstructionWorkClass.ClassII => "Công trình cấp II",
        ConstructionWorkClass.ClassIII => "Công trình cấp III",
        _ => "Công trình cấp IV",
    };

    public static string Vietnamese(this ComponentKind kind) => kind switch
    {
        ComponentKind.OperatingSystem => "Hệ điều hành",
        ComponentKind.WebServer => "Máy chủ web",
        ComponentKind.Cms => "Hệ quản trị nội dung (CMS)",
        ComponentKind.Framework => "Nền tảng phát triển",
        ComponentKind.Database => "Hệ quản trị cơ sở dữ liệu",
        ComponentKind.Library => "Thư viện",
        ComponentKind.ApplianceFirmware => "Thiết bị, firmware",
        _ => "Khác",
    };
}
